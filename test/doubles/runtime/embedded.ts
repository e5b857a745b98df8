// What buildDoubles bakes into each double: the component, the version and its flag lists.

import { DoubleError } from './fail.ts';
import { flagListOf, type FlagList } from './flag-list.ts';

/** The build-time constants of one double (esbuild `define`). */
export interface Embedded {
  readonly component: string;
  /** Full version without "v", e.g. "1.32.3". */
  readonly version: string;
  /** "1.32": the flag list directory the TSV came from. */
  readonly minor: string;
  readonly flagsTsv: string;
  readonly omissionsTsv: string;
}

declare const ORCHESTRATE_DOUBLE_EMBED: Embedded;

/** The constants; only a bundle made by buildDoubles has them. */
export function embedded(): Embedded {
  if (typeof ORCHESTRATE_DOUBLE_EMBED === 'undefined')
    throw new DoubleError('not built by buildDoubles (no embedded flag list)');
  return ORCHESTRATE_DOUBLE_EMBED;
}

/** The flag list of this double. */
export function embeddedFlags(e: Embedded): FlagList {
  return flagListOf(e.flagsTsv, e.omissionsTsv, e.component, e.minor);
}

/** gitVersion the double reports everywhere: the real one plus a suffix nobody can mistake. */
export const DOUBLE_SUFFIX = '-orchestrate-test-double';
export const gitVersion = (e: Embedded): string => `v${e.version}${DOUBLE_SUFFIX}`;
/** Response header on everything a double serves. */
export const DOUBLE_HEADER = 'X-Orchestrate-Test-Double';
