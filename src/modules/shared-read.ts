// Shared reads: a read many probes of one script ask for (stat a path, the state of a unit, GET an
// API object) runs once for all of them, in as few processes as it can, instead of once per probe.
// A probe asks with a comment line that only readLine() writes, so a probe stays one string (its
// identity for dedupe and reading ahead); the probe script runs each read once before the probes
// and appends each asker's share of the output to that probe's own output (executor/probe-script.ts).

import { OrchestrateError } from '../errors.ts';

/** A batched read. Reads with the same id are one batch: the id must name everything the script uses besides its args. */
export interface SharedRead {
  readonly id: string;
  /** Shell (run in a subshell, stdin /dev/null) that reads every arg; args are distinct, in first-asked order. */
  script(args: readonly string[]): string;
  /** Pure: the script's stdout to each arg's output (`key=value` lines), in args' order. */
  split(stdout: string, args: readonly string[]): readonly string[];
}

/** One probe's request: the arg, and the prefix its lines get (so one probe can read several paths). */
export interface ReadRequest {
  readonly read: SharedRead;
  readonly arg: string;
  readonly prefix: string;
}

const DIRECTIVE = '#@orchestrate-read ';
const registry = new Map<string, SharedRead>();

/** The probe line that asks for `read` of `arg`; its output lines come back as `<prefix><key>=<value>`. */
export function readLine(read: SharedRead, arg: string, prefix = ''): string {
  if (!/^\S+$/.test(read.id)) throw new Error(`shared read id "${read.id}" holds white space`);
  registry.set(read.id, read);
  return DIRECTIVE + JSON.stringify({ id: read.id, arg, prefix });
}

/** The reads a probe asks for, in its order (lines written by readLine, wherever they sit in the text). */
export function readsOf(probe: string): ReadRequest[] {
  if (!probe.includes(DIRECTIVE)) return [];
  const out: ReadRequest[] = [];
  for (const line of probe.split('\n')) {
    if (!line.startsWith(DIRECTIVE)) continue;
    const { id, arg, prefix } = JSON.parse(line.slice(DIRECTIVE.length)) as { id: string; arg: string; prefix: string };
    const read = registry.get(id);
    if (read === undefined) throw new Error(`shared read "${id}" was never registered`);
    out.push({ read, arg, prefix });
  }
  return out;
}

/** The probe's own shell: its read lines taken out (they are comments; a probe of reads alone has none). */
export function withoutReads(probe: string): string {
  if (!probe.includes(DIRECTIVE)) return probe;
  return probe
    .split('\n')
    .filter((l) => !l.startsWith(DIRECTIVE))
    .join('\n');
}

/** Every read of a script with its distinct args, in first-asked order: what the script runs and how to split it. */
export interface ReadBatch {
  readonly read: SharedRead;
  readonly args: readonly string[];
}

/** Groups the requests of every probe of a script into batches (pure and deterministic: builder and parser agree). */
export function batchReads(probes: readonly string[]): ReadBatch[] {
  const batches = new Map<string, { read: SharedRead; args: string[]; seen: Set<string> }>();
  for (const p of probes)
    for (const r of readsOf(p)) {
      let b = batches.get(r.read.id);
      if (b === undefined) batches.set(r.read.id, (b = { read: r.read, args: [], seen: new Set() }));
      if (!b.seen.has(r.arg)) {
        b.seen.add(r.arg);
        b.args.push(r.arg);
      }
    }
  return [...batches.values()].map(({ read, args }) => ({ read, args }));
}

/** Each batch's per-arg outputs, from the batches' stdouts (undefined: that batch printed nothing at all). */
export function splitBatches(
  host: string,
  batches: readonly ReadBatch[],
  stdouts: readonly (string | undefined)[],
): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  batches.forEach((b, i) => {
    const stdout = stdouts[i];
    if (stdout === undefined)
      throw new OrchestrateError('PROBE_INVALID', `the shared read "${b.read.id}" printed nothing on ${host}`, {
        host,
      });
    const parts = b.read.split(stdout, b.args);
    out.set(b.read.id, new Map(b.args.map((a, j) => [a, parts[j] ?? ''])));
  });
  return out;
}

/** A probe's own output with its share of the reads appended, each line under the request's prefix. */
export function withReads(probe: string, own: string, outputs: Map<string, Map<string, string>>): string {
  const reqs = readsOf(probe);
  if (reqs.length === 0) return own;
  const base = own.replace(/\n$/, '');
  const lines = base === '' ? [] : [base];
  for (const r of reqs) {
    const text = outputs.get(r.read.id)?.get(r.arg) ?? '';
    for (const l of text.split('\n')) if (l !== '') lines.push(r.prefix + l);
  }
  return lines.join('\n') + '\n';
}
