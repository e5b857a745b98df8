// orchestrate alone: the certsvc role at 60 hosts.

import { labDown, labInfo, labUp, type LabUpOptions } from '../../src/lab/index.ts';
import { PLAYBOOK } from './compare.ts';
import { summarize, type PhaseSummary } from './stats.ts';
import { timedInLab } from './timed.ts';
import { enableSessionLog } from './sshd-sessions.ts';
import { sshFloor } from './ssh-floor.ts';
import { runOrchestrate, type Sample } from './tools.ts';

/** orchestrate's first apply (one sample) and no-op medians on one lab. */
export interface AloneResult {
  readonly what: string;
  readonly hosts: number;
  readonly firstApplyS: number;
  readonly noop: PhaseSummary;
  /** No-op re-runs with --persist (connections kept by the mux from the run before; one warm-up run first). */
  readonly noopPersist?: PhaseSummary & { readonly muxRssMb: number };
  readonly roundTripsPerHost: number;
  /** N bare `ssh host true` in parallel to the same hosts, same run. */
  readonly floor: PhaseSummary;
}

/** `runs` no-op re-runs of a playbook; any change fails the benchmark. */
export async function noops(
  lab: string,
  hosts: readonly string[],
  playbook: string,
  runs: number,
  persist = false,
): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await runOrchestrate(lab, hosts, playbook, persist);
    if (s.changed !== 0) throw new Error(`${playbook}: the no-op re-run changed ${s.changed} thing(s)`);
    out.push(s);
  }
  return out;
}

/** --persist no-ops: a warm-up run starts the mux and opens the connections, the samples reuse them. */
export async function persisted(lab: string, hosts: readonly string[], playbook: string, runs: number) {
  await noops(lab, hosts, playbook, 1, true);
  const samples = await noops(lab, hosts, playbook, runs, true);
  return { ...summarize(samples), muxRssMb: Math.max(...samples.map((s) => s.muxRssMb ?? NaN)) };
}

async function withLab<T>(opts: LabUpOptions, body: (hosts: string[]) => Promise<T>): Promise<T> {
  await labDown(opts.name!).catch(() => undefined);
  await labUp(opts);
  try {
    const hosts = (await labInfo(opts.name!)).hosts.map((h) => h.name);
    await enableSessionLog(opts.name!, hosts);
    return await body(hosts);
  } finally {
    await labDown(opts.name!);
  }
}

/** The certsvc role on n hosts (type-check cache filled by a --check first, as on any second run). */
export async function orchestrateAt(n: number, runs: number): Promise<AloneResult> {
  return withLab({ name: `bench-alone${n}`, layout: { kind: 'plain', count: n } }, async (hosts) => {
    const check = await timedInLab(`bench-alone${n}`, ['orchestrate', 'apply', PLAYBOOK, '--check', '--json']);
    if (check.code !== 0) throw new Error(`--check failed: ${check.stderr.slice(-2000)}`);
    const first = await runOrchestrate(`bench-alone${n}`, hosts, PLAYBOOK);
    const samples = await noops(`bench-alone${n}`, hosts, PLAYBOOK, runs);
    return {
      what: PLAYBOOK,
      hosts: n,
      firstApplyS: first.wallS,
      noop: summarize(samples),
      noopPersist: await persisted(`bench-alone${n}`, hosts, PLAYBOOK, runs),
      roundTripsPerHost: Math.max(...samples.map((s) => s.roundTrips ?? NaN)),
      floor: await sshFloor(`bench-alone${n}`, runs),
    };
  });
}
