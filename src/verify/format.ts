// verify's report for people: one line per test, evidence and fix indented, a tally that names the exit.

import type { VerifyReport } from './run-verify.ts';
import { verifyStatus } from './run-verify.ts';
import type { Outcome, SmokeTest } from './types.ts';

const LABEL: Record<Outcome, string> = {
  pass: 'pass         ',
  fail: 'FAIL         ',
  skipped: 'skip         ',
  unverifiable: 'CANNOT VERIFY',
};

/** Lines for a terminal; `tests` gives each test's title. */
export function formatVerifyReport(
  report: VerifyReport,
  tests: readonly Pick<SmokeTest<unknown, unknown>, 'id' | 'title'>[],
): string {
  const titles = new Map(tests.map((t) => [t.id, t.title]));
  const out: string[] = [`verify (${report.verifier}) from ${report.host}:`];
  for (const r of report.results) {
    out.push('', `${LABEL[r.outcome]}  ${r.test}: ${titles.get(r.test) ?? ''}`, `               ${r.summary}`);
    for (const e of r.evidence) out.push(`               | ${e}`);
    if (r.fix && r.outcome !== 'pass') out.push(`               fix: ${r.fix}`);
  }
  const count = (o: Outcome) => report.results.filter((r) => r.outcome === o).length;
  const status = verifyStatus(report.results);
  out.push(
    '',
    `verify: ${report.results.length} tests, ${count('pass')} passed, ${count('fail')} failed, ` +
      `${count('skipped')} skipped, ${count('unverifiable')} cannot verify: exit ${status} (${MEANING[status]})`,
  );
  return out.join('\n') + '\n';
}

const MEANING = {
  0: 'every test passed',
  1: 'nothing failed, but skipped tests were not shown to work',
  2: 'a test failed or could not verify the cluster',
} as const;
