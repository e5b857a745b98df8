import { expect } from 'chai';
import type { ResolvConf } from '../../../src/facts/types.ts';
import { isResolvedStub, parseIsActive, resolveLinkTarget } from '../../../src/facts/parse-resolved.ts';
import { parseResolvConf } from '../../../src/facts/parse-resolv-conf.ts';
import { section, type FixtureName } from './fixtures.ts';

describe('facts/parse-resolved', () => {
  describe('parseIsActive', () => {
    const cases: [string, boolean][] = [
      ['active\n', true],
      ['reloading', true],
      ['inactive', false],
      ['failed', false],
      ['activating', false],
      ['', false], // systemctl missing, or no systemd (offline)
    ];
    for (const [text, want] of cases)
      it(`${JSON.stringify(text)} -> ${want}`, () => expect(parseIsActive(text)).to.equal(want));
  });

  describe('resolveLinkTarget', () => {
    const cases: [string, string, string | undefined][] = [
      ['readlink -f output', '/run/systemd/resolve/stub-resolv.conf\n', '/run/systemd/resolve/stub-resolv.conf'],
      [
        'plain readlink (relative to /etc)',
        '../run/systemd/resolve/stub-resolv.conf',
        '/run/systemd/resolve/stub-resolv.conf',
      ],
      ['not a symlink', '', undefined],
      ['points at itself', '/etc/resolv.conf', undefined],
    ];
    for (const [title, text, want] of cases)
      it(title, () => expect(resolveLinkTarget('/etc/resolv.conf', text)).to.equal(want));
  });

  describe('isResolvedStub', () => {
    const conf = (target: string | undefined, nameservers: string[]): ResolvConf => ({
      path: '/etc/resolv.conf',
      target,
      nameservers,
      search: [],
    });
    const cases: [string, ResolvConf, boolean][] = [
      ['symlink to stub-resolv.conf', conf('/run/systemd/resolve/stub-resolv.conf', ['127.0.0.53']), true],
      ['copied stub file (no symlink, 127.0.0.53)', conf(undefined, ['127.0.0.53']), true],
      ['resolved proxy stub 127.0.0.54', conf(undefined, ['127.0.0.54']), true],
      ['symlink to the upstream file', conf('/run/systemd/resolve/resolv.conf', ['10.0.2.3']), false],
      ['plain file, real nameserver', conf(undefined, ['192.168.122.1']), false],
      ['other loopback (dnsmasq) is not the resolved stub', conf(undefined, ['127.0.0.1']), false],
    ];
    for (const [title, c, want] of cases) it(`${title} -> ${want}`, () => expect(isResolvedStub(c)).to.equal(want));

    const fixtures: [FixtureName, boolean, boolean][] = [
      ['vm', false, false],
      ['chroot', false, false],
      ['ubuntu2004', true, true],
      ['ubuntu2204', true, true],
      ['debian12Plain', false, false],
    ];
    for (const [name, active, stub] of fixtures) {
      it(`${name}: active=${active} stub=${stub}`, () => {
        // GIVEN a host's resolv sections  WHEN read  THEN resolved's state
        const c: ResolvConf = {
          path: '/etc/resolv.conf',
          target: resolveLinkTarget('/etc/resolv.conf', section(name, 'resolv-target')),
          ...parseResolvConf(section(name, 'resolv-conf')),
        };
        expect(parseIsActive(section(name, 'resolved-active'))).to.equal(active);
        expect(isResolvedStub(c)).to.equal(stub);
      });
    }
  });
});
