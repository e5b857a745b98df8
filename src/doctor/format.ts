// The doctor's report for people: grouped by check, one line per finding, evidence and fix indented.

import type { DoctorReport } from './run-doctor.ts';
import type { Check } from './types.ts';

const LABEL = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

/** Lines for a terminal; `titles` maps check ids to their titles. */
export function formatDoctorReport(
  report: DoctorReport,
  checks: readonly Pick<Check<unknown>, 'id' | 'title'>[],
): string {
  const titles = new Map<string, string>([
    ['reach', 'hosts answer over SSH'],
    ...checks.map((c) => [c.id, c.title] as const),
  ]);
  const out: string[] = [];
  let current = '';
  for (const f of report.findings) {
    if (f.check !== current) {
      current = f.check;
      out.push('', `${f.check}: ${titles.get(f.check) ?? ''}`);
    }
    out.push(`  ${LABEL[f.verdict]}  ${f.host ? `${f.host}: ` : ''}${f.summary}`);
    if (f.verdict === 'ok') continue;
    for (const e of f.evidence) out.push(`          | ${e}`);
    if (f.fix) out.push(`          fix: ${f.fix}`);
  }
  const count = (v: string) => report.findings.filter((f) => f.verdict === v).length;
  out.push(
    '',
    `doctor: ${report.hosts.length} hosts, ${count('ok')} ok, ${count('warn')} warnings, ${count('fail')} failures`,
  );
  return out.join('\n').replace(/^\n/, '') + '\n';
}
