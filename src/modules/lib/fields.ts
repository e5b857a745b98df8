// Probes print `key=value` lines; this pure reader turns them into typed lookups or PROBE_INVALID.

import { OrchestrateError } from '../../errors.ts';

/** The parsed lines of one probe: a key may repeat (e.g. one `pkg=` line per package). */
export class ProbeFields {
  constructor(
    readonly moduleId: string,
    private readonly lines: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** The last value of key, or undefined when the probe did not print it. */
  get(key: string): string | undefined {
    const all = this.lines.get(key);
    return all === undefined ? undefined : all[all.length - 1];
  }

  /** Every value of key, in output order. */
  all(key: string): readonly string[] {
    return this.lines.get(key) ?? [];
  }

  /** The value of key; a probe that forgot it is garbage, not an absent thing. */
  need(key: string): string {
    const v = this.get(key);
    if (v === undefined) throw invalid(this.moduleId, `missing "${key}=" line`);
    return v;
  }

  /** Keys starting with prefix, the prefix cut off (e.g. runtime values per sysctl key). */
  withPrefix(prefix: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.lines) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v[v.length - 1]!);
    return out;
  }
}

/** Reads probe stdout; blank lines are ignored, any other line without `=` is garbage. */
export function parseFields(moduleId: string, stdout: string): ProbeFields {
  const lines = new Map<string, string[]>();
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw invalid(moduleId, `unexpected line ${JSON.stringify(line.slice(0, 80))}`);
    const key = line.slice(0, eq);
    const list = lines.get(key) ?? [];
    list.push(line.slice(eq + 1));
    lines.set(key, list);
  }
  return new ProbeFields(moduleId, lines);
}

/** The PROBE_INVALID error every parser throws, naming the module and what was wrong. */
export function invalid(moduleId: string, what: string): OrchestrateError {
  return new OrchestrateError('PROBE_INVALID', `${moduleId} probe output: ${what}`, {
    fix: 'run the probe by hand on the host (orchestrate -vv shows it) and check that sh, coreutils and stat are present',
  });
}
