// defineCheck / defineDoctor: identity functions that give editors and tsc the full types.

import type { Check, Doctor, Finding, Verdict } from './types.ts';

/** A typed check. */
export function defineCheck<C>(check: Check<C>): Check<C> {
  return check;
}

/** A typed doctor (the default export of a doctor module, the file `orchestrate doctor --checks` loads). */
export function defineDoctor<C>(doctor: Doctor<C>): Doctor<C> {
  return doctor;
}

/** Builds a finding; evidence is split into lines, trimmed at the end, and empty lines dropped. */
export function finding(
  check: string,
  host: string | undefined,
  verdict: Verdict,
  summary: string,
  evidence: readonly string[] = [],
  fix?: string,
): Finding {
  const lines = evidence
    .flatMap((e) => e.split('\n'))
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  return { check, host, verdict, summary, evidence: lines, fix };
}
