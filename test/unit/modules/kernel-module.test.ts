import { expect } from 'chai';
import { kernelModule } from '../../../src/modules/kernel-module.ts';
import type { KernelModuleInput } from '../../../src/modules/kernel-module.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import * as cap from './captured.ts';
import { CHECK, summaries } from './plan.ts';

const CONF = '# Managed by orchestrate: local edits are overwritten.\nbr_netfilter\n';
const persisted = cap.prefixed('conf.', cap.fileWith(CONF));

describe('modules/kernel.module', () => {
  const cases: { given: string; when: KernelModuleInput; probe: string; then: string[] }[] = [
    {
      given: 'loaded and persisted',
      when: { name: 'br_netfilter' },
      probe: `loaded=yes\nbuiltin=no\n${persisted}`,
      then: [],
    },
    {
      given: 'built in and persisted',
      when: { name: 'br_netfilter' },
      probe: `loaded=no\nbuiltin=yes\n${persisted}`,
      then: [],
    },
    {
      given: 'a container with neither (captured)',
      when: { name: 'br_netfilter' },
      probe: cap.KMOD_CONTAINER,
      then: ['write: /etc/modules-load.d/br_netfilter.conf 0644', 'run: modprobe br_netfilter'],
    },
    {
      given: 'persisted but not loaded (fresh boot failed)',
      when: { name: 'br_netfilter' },
      probe: `loaded=no\nbuiltin=no\n${persisted}`,
      then: ['run: modprobe br_netfilter'],
    },
    {
      given: 'not persisted and persist off',
      when: { name: 'overlay', persist: false },
      probe: `loaded=yes\nbuiltin=no\n${cap.prefixed('conf.', cap.ABSENT)}`,
      then: [],
    },
    {
      given: 'a hand-edited persisted file',
      when: { name: 'br_netfilter' },
      probe: `loaded=yes\nbuiltin=no\n${cap.prefixed('conf.', cap.fileWith('br_netfilter\nfoo\n'))}`,
      then: ['write: /etc/modules-load.d/br_netfilter.conf 0644'],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = kernelModule(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN a dashed name WHEN probed THEN /proc/modules is searched with underscores, modules.builtin with either', () => {
    const a = kernelModule({ name: 'nf-conntrack' });
    const script = a.module.probe(a.params, CHECK);
    expect(script).to.include("grep -q ^'nf_conntrack ' /proc/modules");
    expect(script).to.include("'/nf[-_]conntrack\\.ko$'");
  });

  it('GIVEN output without the builtin line WHEN parsed THEN PROBE_INVALID', () => {
    const a = kernelModule({ name: 'x' });
    expect(() => a.module.parse('loaded=no\nconf.type=absent\nconf.parent=yes\n', a.params))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
  });

  it('GIVEN a name with a slash WHEN built THEN PLAYBOOK_INVALID', () => {
    expect(() => kernelModule({ name: '../x' }))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });
});
