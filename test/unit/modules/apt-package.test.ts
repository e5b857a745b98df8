import { expect } from 'chai';
import { aptPackage } from '../../../src/modules/apt-package.ts';
import type { AptPackageInput } from '../../../src/modules/apt-package.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import * as cap from './captured.ts';
import { CHECK, summaries } from './plan.ts';

const INSTALL =
  'DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold --no-install-recommends';
/** The captured probe with the cache made older (seconds since the last update). */
const aged = (seconds: number): string =>
  cap.APT_PROBE.replace(/^cache_mtime=.*$/m, `cache_mtime=${1795710140 - seconds}`);

describe('modules/apt.package', () => {
  const cases: { given: string; when: AptPackageInput; probe: string; then: string[] }[] = [
    {
      given: 'everything installed (captured)',
      when: { names: ['coreutils', 'socat'] },
      probe: cap.APT_PROBE,
      then: [],
    },
    {
      given: 'a fresh cache and one missing',
      when: { names: ['socat', 'nosuchpkg'] },
      probe: cap.APT_PROBE,
      then: [`run: ${INSTALL} nosuchpkg`],
    },
    {
      given: 'a stale cache and one missing',
      when: { names: ['socat', 'conntrack'] },
      probe: aged(7200),
      then: ['run: apt-get update -q', `run: ${INSTALL} conntrack`],
    },
    { given: 'a stale cache, nothing missing', when: { names: ['socat'] }, probe: aged(999999), then: [] },
    {
      given: 'no package lists at all (fresh container)',
      when: { names: ['ipset'], cacheValidTime: 10 ** 9 },
      probe: cap.APT_PROBE.replace('lists=3', 'lists=0'),
      then: ['run: apt-get update -q', `run: ${INSTALL} ipset`],
    },
    {
      given: 'a stale cache but updates off',
      when: { names: ['ipset'], updateCache: false },
      probe: aged(7200),
      then: [`run: ${INSTALL} ipset`],
    },
    { given: 'a pin that matches', when: { names: ['socat=1.7.4.4-2'] }, probe: cap.APT_PROBE, then: [] },
    {
      given: 'a pin that differs',
      when: { names: ['socat=1.8.0.0-4'] },
      probe: cap.APT_PROBE,
      then: [`run: ${INSTALL} socat=1.8.0.0-4`],
    },
    { given: 'an arch-qualified installed name', when: { names: ['coreutils:amd64'] }, probe: cap.APT_PROBE, then: [] },
    {
      given: 'removed but config left (rc)',
      when: { names: ['socat'] },
      probe: cap.APT_PROBE.replace('socat 1.7.4.4-2 install ok installed', 'socat 1.7.4.4-2 deinstall ok config-files'),
      then: [`run: ${INSTALL} socat`],
    },
    {
      given: 'a purged package dpkg still knows (empty version)',
      when: { names: ['socat'] },
      probe: cap.APT_PROBE.replace('socat 1.7.4.4-2 install ok installed', 'socat  unknown ok not-installed'),
      then: [`run: ${INSTALL} socat`],
    },
    {
      given: 'packages to remove, one not installed',
      when: { names: ['socat', 'nosuchpkg'], state: 'absent' },
      probe: cap.APT_PROBE,
      then: [
        'run: DEBIAN_FRONTEND=noninteractive apt-get remove -y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold socat',
      ],
    },
    {
      given: 'nothing to purge',
      when: { names: ['nosuchpkg'], state: 'absent', purge: true },
      probe: cap.APT_PROBE,
      then: [],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned ${c.when.names.join(' ')} THEN ${c.then.length === 0 ? 'no steps' : c.then.map((s) => s.slice(0, 60)).join('; ')}`, () => {
      const a = aptPackage(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN a truncated dpkg-query line WHEN parsed THEN PROBE_INVALID', () => {
    const a = aptPackage({ names: ['socat'] });
    expect(() => a.module.parse('pkg=socat\nnow=1\ncache_mtime=1\nlists=1\n', a.params))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
  });

  for (const names of [[], ['Bad Name'], ['x;rm -rf /']])
    it(`GIVEN names ${JSON.stringify(names)} WHEN built THEN PLAYBOOK_INVALID`, () => {
      expect(() => aptPackage({ names }))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
    });
});
