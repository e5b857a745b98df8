// orchestrate alone: the certsvc role at 60 hosts, and playbooks/cluster.ts on the 6-host cluster lab.

import { join } from 'node:path';
import { labDown, labInfo, labUp, type LabUpOptions } from '../../src/lab/index.ts';
import { doublesNodeBind } from '../../test/doubles/lab.ts';
import { actAsDeploymentController, adminApi, mirrorWithDoubles } from '../../test/e2e/support/doubles-lab.ts';
import { labStateDir } from '../../test/e2e/support/lab.ts';
import { PLAYBOOK } from './compare.ts';
import { summarize, type PhaseSummary } from './stats.ts';
import { timedInLab } from './timed.ts';
import { enableSessionLog } from './sshd-sessions.ts';
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
}

async function noops(
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
async function persisted(lab: string, hosts: readonly string[], playbook: string, runs: number) {
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
    };
  });
}

/** playbooks/cluster.ts on 3 controllers + 3 workers (Kubernetes test doubles, as in the e2e tests). */
export async function clusterNoop(runs: number): Promise<AloneResult> {
  const lab = 'bench-cluster';
  const layout = { kind: 'cluster', controllers: 3, workers: 3 } as const;
  return withLab({ name: lab, layout, binds: [doublesNodeBind()], prepare: mirrorWithDoubles }, async (hosts) => {
    const api = adminApi(lab, join(await labStateDir(lab), 'pki'), 'https://10.240.0.10:6443');
    let finished = false;
    const controller = actAsDeploymentController(api, () => finished);
    const first = await runOrchestrate(lab, hosts, 'playbooks/cluster.ts').finally(() => (finished = true));
    await controller;
    const samples = await noops(lab, hosts, 'playbooks/cluster.ts', runs);
    return {
      what: 'playbooks/cluster.ts',
      hosts: hosts.length,
      firstApplyS: first.wallS,
      noop: summarize(samples),
      noopPersist: await persisted(lab, hosts, 'playbooks/cluster.ts', runs),
      roundTripsPerHost: Math.max(...samples.map((s) => s.roundTrips ?? NaN)),
    };
  });
}
