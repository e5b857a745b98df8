import { expect } from 'chai';
import {
  canonicalModuleName,
  mergeModules,
  parseModulesBuiltin,
  parseProcModules,
} from '../../../src/facts/parse-modules.ts';
import { section } from './fixtures.ts';

describe('facts/parse-modules', () => {
  it('ubuntu2204: loaded modules, br_netfilter among them', () => {
    // GIVEN /proc/modules of a worker  WHEN parsed  THEN first fields
    const mods = parseProcModules(section('ubuntu2204', 'modules'));
    expect(mods).to.include.members(['br_netfilter', 'overlay', 'xt_MASQUERADE', 'nf_conntrack']);
    expect(mods).to.have.length(16);
  });

  it('ubuntu2004: built-in modules by basename, dashes as underscores', () => {
    const mods = parseModulesBuiltin(section('ubuntu2004', 'modules-builtin'));
    expect(mods).to.include.members(['ext4', 'dm_mod', 'crc_t10dif', 'unix', '8250']);
    expect(mods.some((m) => m.includes('/') || m.endsWith('.ko'))).to.equal(false);
  });

  it('vm and chroot: no /proc/modules, no modules.builtin -> none', () => {
    for (const name of ['vm', 'chroot'] as const) {
      expect(
        mergeModules(parseProcModules(section(name, 'modules')), parseModulesBuiltin(section(name, 'modules-builtin'))),
      ).to.deep.equal([]);
    }
  });

  it('merge: sorted, each once', () => {
    expect(mergeModules(['b', 'a'], ['a', 'c'])).to.deep.equal(['a', 'b', 'c']);
  });

  const names: [string, string][] = [
    ['kernel/drivers/md/dm-mod.ko', 'dm_mod'],
    ['kernel/net/bridge/br_netfilter.ko', 'br_netfilter'],
    ['kernel/fs/ext4/ext4.ko.zst', 'ext4'],
  ];
  for (const [path, want] of names)
    it(`builtin ${path} -> ${want}`, () => expect(parseModulesBuiltin(path)).to.deep.equal([want]));

  it('canonical names use underscores', () => expect(canonicalModuleName('crc-t10dif')).to.equal('crc_t10dif'));
});
