// playbooks/cluster.ts on 3 controllers + 3 workers running the real programs from the built mirror: bare hosts
// to a Ready cluster answering DNS from a pod, then no-ops against the ssh floor measured on the same hosts.

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { labDown, labInfo, labSshRun, labUp } from '../../src/lab/index.ts';
import { builtMirrorLabHook } from '../../kubernetes/artifacts/lab-hook.ts';
import { noops, persisted } from './alone.ts';
import { enableSessionLog } from './sshd-sessions.ts';
import { sshFloor } from './ssh-floor.ts';
import { summarize, type PhaseSummary } from './stats.ts';
import { runOrchestrate } from './tools.ts';

const LAB = 'bench-cluster';
const KUBECTL = 'kubectl --kubeconfig /var/lib/kubernetes/admin.kubeconfig';

/** What the cluster part reports. */
export interface ClusterResult {
  readonly kubernetes: string;
  readonly hosts: number;
  /** From the first apply's start to every worker Ready and a pod's DNS query answered by CoreDNS. */
  readonly toReadyS: number;
  readonly firstApplyS: number;
  readonly firstApplyCpuS: number;
  readonly noop: PhaseSummary;
  readonly noopPersist: PhaseSummary & { readonly muxRssMb: number };
  /** N bare `ssh host true` in parallel, same hosts, same run. */
  readonly floor: PhaseSummary;
  readonly roundTripsPerHost: number;
}

async function onController(script: string): Promise<string> {
  const r = await labSshRun(LAB, 'controller-0', script, 60_000);
  if (r.code !== 0) throw new Error(`controller-0: exit ${r.code}: ${r.stderr.slice(-1000)}`);
  return r.stdout;
}

/** Polls until every worker is Ready, then until a pod resolves the API's service name through CoreDNS. */
async function untilReady(workers: number, image: string, deadline: number): Promise<void> {
  const ready = `${KUBECTL} get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}' | grep -c True`;
  while (Number((await onController(`${ready} || true`)).trim()) < workers) {
    if (Date.now() > deadline) throw new Error('the workers did not all become Ready in time');
    await new Promise((r) => setTimeout(r, 500));
  }
  await onController(
    `${KUBECTL} delete pod bench-dns --ignore-not-found --wait=true >/dev/null; ` +
      `${KUBECTL} run bench-dns --image=${image} --image-pull-policy=Never --restart=Never --command -- ` +
      `nslookup kubernetes.default.svc.cluster.local >/dev/null`,
  );
  for (;;) {
    const phase = (await onController(`${KUBECTL} get pod bench-dns -o jsonpath='{.status.phase}'`)).trim();
    if (phase === 'Succeeded') break;
    if (phase === 'Failed' || Date.now() > deadline)
      throw new Error(
        `the DNS pod ended ${phase || 'nowhere'}: ${await onController(`${KUBECTL} logs bench-dns || true`)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
  const answer = await onController(`${KUBECTL} logs bench-dns`);
  if (!/Address:?\s+10\.32\.0\.1\b/.test(answer)) throw new Error(`CoreDNS did not answer the query: ${answer}`);
  await onController(`${KUBECTL} delete pod bench-dns --wait=false >/dev/null`);
}

/** The cluster part: a fresh lab (the mirror already built), measured, and taken down again. */
export async function realCluster(runs: number, kubernetes?: string): Promise<ClusterResult> {
  await labDown(LAB).catch(() => undefined);
  await labUp({
    name: LAB,
    layout: { kind: 'cluster', controllers: 3, workers: 3 },
    prepare: builtMirrorLabHook(kubernetes),
  });
  try {
    const info = await labInfo(LAB);
    const hosts = info.hosts.map((h) => h.name);
    await enableSessionLog(LAB, hosts);
    const vars = (parse(await readFile(info.inventory, 'utf8')) as { all: { vars: Record<string, unknown> } }).all.vars;
    const image = String(vars['verify_image']);
    const version = String((vars['cluster'] as { versions: { kubernetes: string } }).versions.kubernetes);
    const t0 = performance.now();
    const first = await runOrchestrate(LAB, hosts, 'playbooks/cluster.ts');
    await untilReady(hosts.filter((h) => h.startsWith('worker-')).length, image, Date.now() + 300_000);
    const toReadyS = (performance.now() - t0) / 1000;
    const plain = await noops(LAB, hosts, 'playbooks/cluster.ts', runs);
    const floor = await sshFloor(LAB, runs);
    return {
      kubernetes: version,
      hosts: hosts.length,
      toReadyS,
      firstApplyS: first.wallS,
      firstApplyCpuS: first.cpuS,
      noop: summarize(plain),
      noopPersist: await persisted(LAB, hosts, 'playbooks/cluster.ts', runs),
      floor,
      roundTripsPerHost: Math.max(...plain.map((s) => s.roundTrips ?? NaN)),
    };
  } finally {
    await labDown(LAB);
  }
}
