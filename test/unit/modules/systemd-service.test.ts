import { expect } from 'chai';
import { systemdService } from '../../../src/modules/systemd-service.ts';
import type { SystemdServiceInput } from '../../../src/modules/systemd-service.ts';
import { PlanConflict } from '../../../src/modules/lib/steps.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import * as cap from './captured.ts';
import { CHECK, summaries } from './plan.ts';

/** The probe's two lines, as printed on a systemd host. */
const probe = (enabled: string, active: string): string => `enabled=${enabled}\nactive=${active}\n`;

describe('modules/systemd.service', () => {
  const cases: { given: string; probe: string; when: SystemdServiceInput; then: string[] }[] = [
    {
      given: 'enabled and active',
      probe: probe('enabled', 'active'),
      when: { name: 'etcd', enabled: true, state: 'started' },
      then: [],
    },
    {
      given: 'static and active',
      probe: probe('static', 'active'),
      when: { name: 'etcd', enabled: true, state: 'started' },
      then: [],
    },
    {
      given: 'activating (Restart= delay)',
      probe: probe('enabled', 'activating'),
      when: { name: 'etcd', state: 'started' },
      then: [],
    },
    {
      given: 'disabled and inactive (captured)',
      probe: cap.SERVICE_DISABLED,
      when: { name: 'etcd', enabled: true, state: 'started' },
      then: ['run: systemctl enable etcd', 'run: systemctl start etcd'],
    },
    {
      given: 'a unit not installed yet (written earlier in the role)',
      probe: probe('not-found', 'inactive'),
      when: { name: 'kubelet.service', enabled: true, state: 'started' },
      then: ['run: systemctl enable kubelet.service', 'run: systemctl start kubelet.service'],
    },
    {
      given: 'failed',
      probe: probe('enabled', 'failed'),
      when: { name: 'etcd', state: 'started' },
      then: ['run: systemctl start etcd'],
    },
    {
      given: 'enabled and active, wanted off',
      probe: probe('enabled', 'active'),
      when: { name: 'etcd', enabled: false, state: 'stopped' },
      then: ['run: systemctl disable etcd', 'run: systemctl stop etcd'],
    },
    {
      given: 'static, wanted disabled',
      probe: probe('static', 'inactive'),
      when: { name: 'x', enabled: false },
      then: [],
    },
    {
      given: 'a missing unit, wanted stopped',
      probe: probe('not-found', 'inactive'),
      when: { name: 'x', state: 'stopped' },
      then: [],
    },
    {
      given: 'running (handler)',
      probe: probe('enabled', 'active'),
      when: { name: 'etcd', state: 'restarted' },
      then: ['run: systemctl restart etcd'],
    },
    {
      given: 'running, reload asked',
      probe: probe('enabled', 'active'),
      when: { name: 'etcd', state: 'reloaded' },
      then: ['run: systemctl reload etcd'],
    },
    {
      given: 'stopped, reload asked',
      probe: probe('enabled', 'inactive'),
      when: { name: 'etcd', state: 'reloaded' },
      then: ['run: systemctl start etcd'],
    },
    { given: 'nothing asked', probe: probe('disabled', 'inactive'), when: { name: 'etcd' }, then: [] },
    {
      given: 'a template instance',
      probe: probe('disabled', 'inactive'),
      when: { name: 'getty@tty1.service', enabled: true },
      then: ['run: systemctl enable getty@tty1.service'],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned ${JSON.stringify({ ...c.when, name: undefined })} THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = systemdService(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN a masked unit WHEN it should run THEN PlanConflict naming unmask', () => {
    const a = systemdService({ name: 'etcd', state: 'started' });
    expect(() => a.module.plan(a.params, a.module.parse(probe('masked', 'inactive'), a.params), CHECK)).to.throw(
      PlanConflict,
      /unmask/,
    );
  });

  it('GIVEN output without the active line WHEN parsed THEN PROBE_INVALID', () => {
    const a = systemdService({ name: 'etcd' });
    expect(() => a.module.parse('enabled=enabled\n', a.params))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
  });

  it('GIVEN a name with a space WHEN built THEN PLAYBOOK_INVALID', () => {
    expect(() => systemdService({ name: 'a b' }))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });
});
