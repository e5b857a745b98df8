import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { OrchestrateError } from '../../../src/errors.ts';
import { bundleScript, defineDoctor, doctorStatus, runDoctor, splitBundle } from '../../../src/doctor/index.ts';
import { localShell, testHost, type TestHost } from '../../support/remote-host.ts';
import { crashingJudge, echoCheck, failingSnippet, HOSTS } from '../../unit/doctor/checks.ts';

/** Runs the probe script locally with sh (no SSH). */
const localHost = (name: string): TestHost => testHost(name, { exec: localShell });

describe('src/doctor: one probe script per host, pure judges, exit 0/1/2', () => {
  it('bundles every check of a host into ONE exec; a failing snippet does not stop the others', async () => {
    const hosts: TestHost[] = [];
    const doctor = defineDoctor({
      name: 't',
      context: () => ({ values: { a: 'good', b: 'meh', c: 'bad' } }),
      checks: [echoCheck, failingSnippet],
    });
    const report = await runDoctor(
      doctor as never,
      { inventory: {} as never, stateDir: '/nonexistent', targets: HOSTS },
      {
        connect: async (h) => {
          hosts.push(localHost(h.name));
          return hosts.at(-1)!;
        },
        forks: 2,
        timeoutMs: 5000,
      },
    );
    expect(hosts.flatMap((h) => h.scripts)).to.have.length(3);
    expect(report.roundTrips).to.deep.equal({ a: 1, b: 1, c: 1 });
    const echo = report.findings.filter((f) => f.check === 'echo');
    expect(echo.map((f) => [f.host, f.verdict])).to.deep.equal([
      ['a', 'ok'],
      ['b', 'warn'],
      ['c', 'fail'],
    ]);
    expect(echo[0]!.evidence).to.deep.equal(['value=good', 'noise']);
    expect(report.findings.filter((f) => f.check === 'broken-snippet').map((f) => f.summary)).to.deep.equal([
      'partial',
      'partial',
      'partial',
    ]);
    expect(doctorStatus(report.findings)).to.equal(2);
    expect(doctorStatus(echo.slice(0, 2))).to.equal(1);
    expect(doctorStatus(echo.slice(0, 1))).to.equal(0);
  });

  it('GIVEN an unreachable host THEN a reach failure for it, the judges see it as lost, the others still run', async () => {
    const doctor = defineDoctor({
      name: 't',
      context: () => ({ values: { a: 'good', b: 'good' } }),
      checks: [echoCheck],
    });
    const report = await runDoctor(
      doctor,
      { inventory: {} as never, stateDir: '/x', targets: HOSTS.slice(0, 2) },
      {
        connect: async (h) => {
          if (h.name === 'b') throw new OrchestrateError('UNREACHABLE', 'b: connection refused');
          return localHost(h.name);
        },
        forks: 4,
        timeoutMs: 5000,
      },
    );
    expect(report.findings.map((f) => `${f.check} ${f.host} ${f.verdict} ${f.summary}`)).to.deep.equal([
      'reach b fail no answer from b: b: connection refused',
      'echo a ok value good',
      'echo b fail lost',
    ]);
  });

  it('GIVEN a judge that throws THEN a failure naming the check, not a crash', async () => {
    const doctor = defineDoctor({ name: 't', context: () => ({}), checks: [crashingJudge] });
    const report = await runDoctor(
      doctor,
      { inventory: {} as never, stateDir: '/x', targets: HOSTS },
      { connect: async (h) => localHost(h.name), forks: 1, timeoutMs: 5000 },
    );
    expect(report.hosts).to.deep.equal(['a']);
    expect(report.findings).to.have.length(1);
    expect(report.findings[0]).to.include({
      check: 'crash',
      verdict: 'fail',
      summary: 'the check itself failed: boom',
    });
  });

  it('splitBundle: sections by marker; a script cut short has no end', () => {
    const script = bundleScript(
      new Map([
        ['one', 'echo 1'],
        ['two', 'printf 2'],
      ]),
    );
    const r = spawnSync('sh', ['-s'], { input: script, encoding: 'utf8' });
    const parts = splitBundle(r.stdout);
    expect([...parts]).to.deep.equal([
      ['one', '1'],
      ['two', '2'],
      ['end', ''],
    ]);
    expect(splitBundle('banner\n@@doctor one\nx\n').has('end')).to.equal(false);
    expect(() => bundleScript(new Map([['Bad Id', 'true']]))).to.throw(/kebab-case/);
  });
});
