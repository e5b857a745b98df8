import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import type { RemoteHost } from '../../../src/connection/types.ts';
import { OrchestrateError } from '../../../src/errors.ts';
import {
  bundleScript,
  defineCheck,
  defineDoctor,
  doctorStatus,
  finding,
  formatDoctorReport,
  runDoctor,
  splitBundle,
} from '../../../src/doctor/index.ts';
import type { Host } from '../../../src/inventory/types.ts';

/** Runs the probe script locally with sh (no SSH in unit tests). */
function localRemote(name: string, scripts: string[]): RemoteHost {
  let n = 0;
  return {
    name,
    get execCount() {
      return n;
    },
    async exec(script) {
      n++;
      scripts.push(script);
      const r = spawnSync('sh', ['-s'], { input: script, encoding: 'utf8' });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status, signal: undefined };
    },
    async upload() {
      throw new Error('doctor never uploads');
    },
    async lock() {
      throw new Error('doctor never locks');
    },
    async lockAndExec() {
      throw new Error('doctor never locks');
    },
    async close() {},
  };
}

const host = (name: string, group: string) => ({ name, groups: new Set([group]) }) as unknown as Host;
const HOSTS = [host('a', 'x'), host('b', 'x'), host('c', 'y')];

/** Echoes a value per host; judges "bad" as fail, "meh" as warn. */
const echoCheck = defineCheck<{ values: Record<string, string> }>({
  id: 'echo',
  title: 'echo a value',
  probe: (h, ctx) =>
    ctx.values[h.name] === undefined ? undefined : `echo value=${ctx.values[h.name]}; echo noise >&2`,
  judge: (outputs) =>
    [...outputs].map(([name, o]) => {
      if (!o.ok) return finding('echo', name, 'fail', 'lost');
      const v = /value=(\w+)/.exec(o.text)?.[1];
      const verdict = v === 'bad' ? 'fail' : v === 'meh' ? 'warn' : 'ok';
      return finding('echo', name, verdict, `value ${v}`, [o.text], verdict === 'ok' ? undefined : 'set it to good');
    }),
});
const failingSnippet = defineCheck<unknown>({
  id: 'broken-snippet',
  title: 'a snippet that exits non-zero',
  probe: () => 'echo partial; exit 7',
  judge: (outputs) => [...outputs].map(([name, o]) => finding('broken-snippet', name, 'ok', o.ok ? o.text : 'lost')),
});
const crashingJudge = defineCheck<unknown>({
  id: 'crash',
  title: 'a judge that throws',
  probe: (h) => (h.name === 'a' ? 'true' : undefined),
  judge: () => {
    throw new Error('boom');
  },
});

describe('src/doctor: one probe script per host, pure judges, exit 0/1/2', () => {
  it('bundles every check of a host into ONE exec; a failing snippet does not stop the others', async () => {
    const scripts: string[] = [];
    const doctor = defineDoctor({
      name: 't',
      context: () => ({ values: { a: 'good', b: 'meh', c: 'bad' } }),
      checks: [echoCheck, failingSnippet],
    });
    const report = await runDoctor(
      doctor as never,
      { inventory: {} as never, stateDir: '/nonexistent', targets: HOSTS },
      { connect: async (h) => localRemote(h.name, scripts), forks: 2, timeoutMs: 5000 },
    );
    expect(scripts).to.have.length(3);
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
          return localRemote(h.name, []);
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
      { connect: async (h) => localRemote(h.name, []), forks: 1, timeoutMs: 5000 },
    );
    expect(report.hosts).to.deep.equal(['a']);
    expect(report.findings).to.have.length(1);
    expect(report.findings[0]).to.include({
      check: 'crash',
      verdict: 'fail',
      summary: 'the check itself failed: boom',
    });
  });

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
          return localRemote(h.name, []);
        },
        forks: 1,
        timeoutMs: 5000,
      },
    ).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(OrchestrateError);
    expect(connected).to.equal(0);
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
