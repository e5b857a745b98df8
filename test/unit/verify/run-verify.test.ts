import { expect } from 'chai';
import { OrchestrateError } from '../../../src/errors.ts';
import type { Host } from '../../../src/inventory/types.ts';
import { registerSecret } from '../../../src/secret.ts';
import {
  defineSmokeTest,
  defineVerifier,
  EXIT_STATUS,
  formatVerifyReport,
  runVerify,
  splitSections,
  verifyStatus,
  type SmokeTest,
} from '../../../src/verify/index.ts';
import { answers, testHost, type TestHost } from '../../support/remote-host.ts';

type Facts = { seen: string };
const host = { name: 'c0' } as Host;

/** A host whose exec answers from a list (a string is stdout; an Error is thrown), recording scripts. */
const fakeHost = (list: (string | Error)[]): TestHost =>
  testHost('c0', { exec: answers(list), upload: () => undefined, locks: true });

const test = (id: string, opts: Partial<SmokeTest<null, Facts>> = {}) =>
  defineSmokeTest<null, Facts>({
    id,
    title: `the ${id} test`,
    timeoutSeconds: () => 5,
    script: () => `echo ${id}`,
    judge: (s) =>
      s.get('verdict') === 'pass'
        ? { outcome: 'pass', summary: `${id} ok` }
        : { outcome: 'fail', summary: `${id} broke`, fix: 'fix it' },
    ...opts,
  });
const verifier = (tests: SmokeTest<null, Facts>[]) =>
  defineVerifier<null, Facts>({
    name: 'v',
    context: () => null,
    host: () => host,
    tests,
    cleanup: test('cleanup'),
  });
const input = { inventory: {} as never, stateDir: '/tmp', waitSeconds: 10 };
const PASS = 'noise\n@@verify verdict\npass\n';

describe('src/verify runVerify: tests in order over one connection, cleanup always', () => {
  it('splits sections by marker; text before the first marker is under ""', () => {
    expect([...splitSections('a\n\n@@verify x\n1\n2\n\n@@verify y\r\n3\n')]).to.deep.equal([
      ['', 'a'],
      ['x', '1\n2'],
      ['y', '3'],
    ]);
  });
  it('runs every test, hands facts on, skips those whose needs did not pass, then cleans up', async () => {
    const c0 = fakeHost([PASS, 'no verdict', PASS, PASS]);
    const report = await runVerify(
      verifier([
        test('a', { judge: () => ({ outcome: 'pass', summary: 'a ok', facts: { seen: 'from a' } }) }),
        test('b', { script: (_c, f) => `echo ${f.seen}` }),
        test('c', { needs: ['b'] }),
        test('d', { needs: ['a'], script: () => ({ skip: 'no tool', fix: 'install it' }) }),
        test('e', {
          needs: ['a'],
          judge: () => ({ outcome: 'unverifiable', summary: 'a stand-in', fix: 'use the real thing' }),
        }),
        test('f', { needs: ['e'] }),
      ]),
      input,
      { connect: async () => c0 },
    );
    expect(report.results.map((r) => [r.test, r.outcome, r.summary])).to.deep.equal([
      ['a', 'pass', 'a ok'],
      ['b', 'fail', 'b broke'],
      ['c', 'skipped', 'needs b, which failed'],
      ['d', 'skipped', 'no tool'],
      ['e', 'unverifiable', 'a stand-in'],
      ['f', 'skipped', 'needs e, which could not be verified'],
      ['cleanup', 'pass', 'cleanup ok'],
    ]);
    expect(c0.scripts[1]).to.equal('echo from a');
    expect(report.roundTrips).to.equal(4);
    expect(verifyStatus(report.results)).to.equal(2);
  });
  it('exit: 0 all passed, 1 skipped only, 2 a failure or "cannot verify"', () => {
    const r = (outcome: 'pass' | 'fail' | 'skipped' | 'unverifiable') => ({
      test: 'x',
      outcome,
      summary: '',
      evidence: [],
      fix: undefined,
      seconds: 0,
    });
    expect(verifyStatus([r('pass')])).to.equal(0);
    expect(verifyStatus([r('pass'), r('skipped')])).to.equal(1);
    expect(verifyStatus([r('skipped'), r('unverifiable')])).to.equal(2);
    expect(verifyStatus([r('fail')])).to.equal(2);
  });
  it('a timeout fails that test only; a lost connection skips the rest and the cleanup', async () => {
    const report = await runVerify(verifier([test('a'), test('b'), test('c')]), input, {
      connect: async () =>
        fakeHost([
          new OrchestrateError('REMOTE_TIMEOUT', 'timed out'),
          new OrchestrateError('UNREACHABLE', 'c0: connection lost', { fix: 'check c0' }),
        ]),
    });
    expect(report.results.map((r) => [r.test, r.outcome, r.summary])).to.deep.equal([
      ['a', 'fail', 'did not finish within 5 s on c0'],
      ['b', 'fail', 'c0: connection lost'],
      ['c', 'skipped', 'not run: the connection to c0 was lost'],
      ['cleanup', 'skipped', 'not run: the connection to c0 was lost'],
    ]);
  });
  it('a judge that throws is a failure of that test, named as a bug; the exit status is a section', async () => {
    const report = await runVerify(
      verifier([
        test('a', {
          judge: (s) => {
            throw new Error(`bad output, exit ${s.get(EXIT_STATUS)}`);
          },
        }),
      ]),
      input,
      { connect: async () => fakeHost([PASS, PASS]) },
    );
    expect(report.results[0]!.summary).to.match(/^the test itself failed: Error: bad output, exit 0/);
    expect(report.results[0]!.fix).to.contain('bug');
  });
  it('registered secrets never reach the report', async () => {
    registerSecret('s3cr3t-value-of-a-test');
    const report = await runVerify(
      verifier([
        test('a', {
          judge: () => ({
            outcome: 'fail',
            summary: 'saw s3cr3t-value-of-a-test',
            evidence: ['s3cr3t-value-of-a-test'],
          }),
        }),
      ]),
      input,
      { connect: async () => fakeHost([PASS, PASS]) },
    );
    expect(JSON.stringify(report)).not.to.contain('s3cr3t');
  });
  it('the text report names every outcome and what the exit means', async () => {
    const report = await runVerify(
      verifier([
        test('a'),
        test('b', {
          judge: () => ({
            outcome: 'unverifiable',
            summary: 'a stand-in',
            evidence: ['gitVersion x'],
            fix: 'use real binaries',
          }),
        }),
        test('c', { needs: ['b'] }),
      ]),
      input,
      { connect: async () => fakeHost([PASS, PASS, PASS]) },
    );
    const text = formatVerifyReport(report, [test('a'), test('b'), test('c'), test('cleanup')]);
    expect(text).to.contain('pass           a: the a test\n               a ok');
    expect(text).to.contain(
      'CANNOT VERIFY  b: the b test\n               a stand-in\n               | gitVersion x\n               fix: use real binaries',
    );
    expect(text).to.contain('skip           c: the c test\n               needs b, which could not be verified');
    expect(text).to.contain(
      'verify: 4 tests, 2 passed, 0 failed, 1 skipped, 1 cannot verify: exit 2 (a test failed or could not verify the cluster)',
    );
  });
});
