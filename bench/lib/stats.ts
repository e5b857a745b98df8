// Medians and the rows the table and --json print.

import type { Sample } from './tools.ts';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Medians of one tool's samples in one phase. */
export interface PhaseSummary {
  readonly wallS: number;
  readonly cpuS: number;
  readonly maxRssMb: number;
  readonly execPerHost: number;
  readonly subsystemPerHost: number;
  readonly samples: readonly number[];
}

export function summarize(samples: readonly Sample[]): PhaseSummary {
  const m = (f: (s: Sample) => number): number => median(samples.map(f));
  return {
    wallS: m((s) => s.wallS),
    cpuS: m((s) => s.cpuS),
    maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)),
    execPerHost: m((s) => s.execPerHost),
    subsystemPerHost: m((s) => s.subsystemPerHost),
    samples: samples.map((s) => Number(s.wallS.toFixed(2))),
  };
}

/** One row of the side-by-side table. */
export interface Row {
  readonly hosts: number;
  readonly first: { orchestrate: PhaseSummary; ansible: PhaseSummary; ratio: number };
  readonly noop: { orchestrate: PhaseSummary; ansible: PhaseSummary; ratio: number };
  readonly floor?: PhaseSummary;
}
