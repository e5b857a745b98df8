import { expect } from 'chai';
import { systemdUnit, unitPath } from '../../../src/modules/systemd-unit.ts';
import type { SystemdUnitInput } from '../../../src/modules/systemd-unit.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import * as cap from './captured.ts';
import { CHECK, summaries } from './plan.ts';

const UNIT = '[Unit]\nDescription=demo\n[Service]\nExecStart=/bin/true\n';

describe('modules/systemd.unit', () => {
  const cases: { given: string; when: SystemdUnitInput; probe: string; then: string[] }[] = [
    { given: 'the unit as wanted', when: { name: 'demo.service', content: UNIT }, probe: cap.fileWith(UNIT), then: [] },
    {
      given: 'a changed unit',
      when: { name: 'demo.service', content: UNIT + 'Restart=always\n' },
      probe: cap.fileWith(UNIT),
      then: ['write: /etc/systemd/system/demo.service 0644', 'run: systemctl daemon-reload'],
    },
    {
      given: 'no unit yet',
      when: { name: 'demo.service', content: UNIT },
      probe: cap.ABSENT,
      then: ['write: /etc/systemd/system/demo.service 0644', 'run: systemctl daemon-reload'],
    },
    {
      given: 'the right unit with mode 0600 (no reload: systemd reads the same text)',
      when: { name: 'demo.service', content: UNIT },
      probe: cap.fileWith(UNIT, cap.NOBODY_0600.replace(/^sha256=.*$/m, '$&\ncontent=')),
      then: ['run: chmod 0644 /etc/systemd/system/demo.service'],
    },
    {
      given: 'a drop-in whose directory is missing',
      when: { name: 'containerd.service', dropIn: '10-orchestrate.conf', content: '[Service]\nLimitNOFILE=1048576\n' },
      probe: cap.ABSENT_NO_PARENT,
      then: [
        'run: mkdir -p /etc/systemd/system/containerd.service.d',
        'write: /etc/systemd/system/containerd.service.d/10-orchestrate.conf 0644',
        'run: systemctl daemon-reload',
      ],
    },
    {
      given: 'a unit to remove',
      when: { name: 'demo.service', state: 'absent' },
      probe: cap.FILE_NO_CONTENT,
      then: ['run: rm -f /etc/systemd/system/demo.service', 'run: systemctl daemon-reload'],
    },
    { given: 'an already removed unit', when: { name: 'demo.service', state: 'absent' }, probe: cap.ABSENT, then: [] },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = systemdUnit(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  for (const name of ['demo', '../evil.service', 'a b.service'])
    it(`GIVEN unit name ${JSON.stringify(name)} WHEN built THEN PLAYBOOK_INVALID`, () => {
      expect(() => systemdUnit({ name, content: UNIT }))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
    });

  it('GIVEN present without content WHEN built THEN PLAYBOOK_INVALID', () => {
    expect(() => systemdUnit({ name: 'x.service' })).to.throw(/content is required/);
  });

  it('GIVEN a drop-in WHEN its path is computed THEN it sits in NAME.d', () => {
    expect(unitPath({ name: 'kubelet.service', dropIn: '10-x.conf' })).to.equal(
      '/etc/systemd/system/kubelet.service.d/10-x.conf',
    );
  });
});
