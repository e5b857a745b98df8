import { expect } from 'chai';
import { OrchestrateError } from '../../../src/errors.ts';
import { defineDoctor, finding, formatDoctorReport, runDoctor } from '../../../src/doctor/index.ts';
import { testHost } from '../../support/remote-host.ts';
import { echoCheck, HOSTS } from './checks.ts';

describe('src/doctor: one probe script per host, pure judges, exit 0/1/2', () => {
  it('GIVEN a context that throws (bad vars) THEN runDoctor rejects before connecting', async () => {
    let connected = 0;
    const doctor = defineDoctor({
      name: 't',
      context: () => {
        throw new OrchestrateError('VARS_INVALID', 'bad cluster var');
      },
      checks: [echoCheck],
    });
    const err = await runDoctor(
      doctor as never,
      { inventory: {} as never, stateDir: '/x', targets: HOSTS },
      {
        connect: async (h) => {
          connected++;
          return testHost(h.name);
        },
        forks: 1,
        timeoutMs: 5000,
      },
    ).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(OrchestrateError);
    expect(connected).to.equal(0);
  });

  it('formats findings per check: ok in one line, evidence and fix under warnings and failures', () => {
    const text = formatDoctorReport(
      {
        doctor: 't',
        hosts: ['a', 'b'],
        roundTrips: {},
        findings: [
          finding('echo', 'a', 'ok', 'value good', ['hidden']),
          finding('echo', 'b', 'fail', 'value bad', ['value=bad'], 'set it to good'),
        ],
      },
      [echoCheck],
    );
    expect(text).to.equal(
      [
        'echo: echo a value',
        '  ok    a: value good',
        '  FAIL  b: value bad',
        '          | value=bad',
        '          fix: set it to good',
        '',
        'doctor: 2 hosts, 1 ok, 0 warnings, 1 failures',
        '',
      ].join('\n'),
    );
  });
});
