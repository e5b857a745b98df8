// renderFlags: typed flags -> `--name=value` words, sorted, so a unit's ExecStart is the same bytes on every run.

import { OrchestrateError } from 'orchestrate';

/** A map flag's entries (runtime-config, feature-gates, ...): rendered `k=v` pairs sorted by key. */
export type FlagMap = Readonly<Record<string, string | number | boolean>>;

/** What one flag can hold: booleans render as true/false, lists joined by commas. */
export type FlagValue = string | number | boolean | readonly (string | number)[] | FlagMap;

/** Any typed flag set (KubeApiserverFlags, ...): undefined values are left out. */
export type FlagSet = { readonly [name: string]: FlagValue | undefined };

const NAME = /^[a-z0-9][a-z0-9-]*$/;

function bad(name: string, why: string): OrchestrateError {
  return new OrchestrateError('PLAYBOOK_INVALID', `flag --${name}: ${why}`, {
    fix: 'use the typed flag sets of kubernetes/flags (names without dashes, values on one line)',
  });
}

function scalar(name: string, v: string | number | boolean): string {
  if (typeof v === 'number' && !Number.isFinite(v)) throw bad(name, `${v} is not a finite number`);
  const s = String(v);
  if (/[\n\r\0]/.test(s)) throw bad(name, 'a value must be one line');
  return s;
}

/** Pure: one flag's value as its command line spells it. */
export function flagValue(name: string, v: FlagValue): string {
  if (Array.isArray(v)) return (v as readonly (string | number)[]).map((x) => scalar(name, x)).join(',');
  if (typeof v === 'object') {
    const map = v as FlagMap;
    return Object.keys(map)
      .sort()
      .map((k) => `${scalar(name, k)}=${scalar(name, map[k]!)}`)
      .join(',');
  }
  return scalar(name, v as string | number | boolean);
}

/**
 * Pure: `--name=value` per set flag, sorted by name (code-point order); booleans as `--x=true`/`--x=false`,
 * lists joined by commas (pflag's `strings`; a flag the binary reads as a repeated array takes one value here).
 */
export function renderFlags(flags: FlagSet): string[] {
  return Object.keys(flags)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((name) => {
      if (!NAME.test(name)) throw bad(name, 'not a flag name');
      const v = flags[name];
      return v === undefined ? [] : [`--${name}=${flagValue(name, v)}`];
    });
}
