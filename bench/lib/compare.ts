// Both tools on the same lab hosts, alternating: first apply (role wiped before each sample), then no-op re-runs.

import { labDown, labInfo, labUp } from '../../src/lab/index.ts';
import { resetRole, roleDigest } from './role-state.ts';
import { stopMasters } from './ssh-masters.ts';
import { enableSessionLog } from './sshd-sessions.ts';
import { sshFloor } from './ssh-floor.ts';
import { summarize, type PhaseSummary, type Row } from './stats.ts';
import { controlPathDir, runAnsible, runOrchestrate, type Sample } from './tools.ts';

export const PLAYBOOK = 'bench/playbooks/certsvc.ts';

/** Every sample of one host count. */
export interface Comparison {
  readonly hosts: number;
  readonly first: { readonly orchestrate: Sample[]; readonly ansible: Sample[] };
  readonly noop: { readonly orchestrate: Sample[]; readonly ansible: Sample[] };
  /** N bare `ssh host true` in parallel to the same hosts, after the no-ops. */
  floor?: PhaseSummary;
}

type Log = (line: string) => void;

function expectNoop(s: Sample, after: string): Sample {
  if (s.changed !== 0) throw new Error(`${s.tool} changed ${s.changed} thing(s) after ${after}: not the same role`);
  return s;
}

/** Warm-up: each tool applies once, and each must then find nothing to do after the other (same state). */
async function crossCheck(lab: string, hosts: readonly string[], log: Log): Promise<void> {
  await runOrchestrate(lab, hosts, PLAYBOOK); // also fills orchestrate's type-check cache
  const byOrchestrate = await roleDigest(lab, hosts[0]!);
  await resetRole(lab, hosts);
  await runAnsible(lab, hosts);
  const byAnsible = await roleDigest(lab, hosts[0]!);
  if (byOrchestrate !== byAnsible)
    throw new Error(`the tools left different states:\n${byOrchestrate}\n---\n${byAnsible}`);
  expectNoop(await runOrchestrate(lab, hosts, PLAYBOOK), 'ansible');
  expectNoop(await runAnsible(lab, hosts), 'orchestrate');
  log(`  ${hosts.length} hosts: same state from both tools, each a no-op after the other`);
}

/** Brings up a lab of n python hosts, measures, tears it down. */
export async function compareAt(n: number, runs: number, log: Log): Promise<Comparison> {
  const lab = `bench-vs${n}`;
  await labDown(lab).catch(() => undefined);
  await labUp({ name: lab, layout: { kind: 'plain', count: n }, withPython: true });
  try {
    const hosts = (await labInfo(lab)).hosts.map((h) => h.name);
    await enableSessionLog(lab, hosts);
    // The cross-check costs two Ansible runs: done on small labs (the role is the same at any size).
    if (n <= 10) await crossCheck(lab, hosts, log);
    else await runOrchestrate(lab, hosts, PLAYBOOK); // fills orchestrate's type-check cache, as any earlier run
    const c: Comparison = { hosts: n, first: { orchestrate: [], ansible: [] }, noop: { orchestrate: [], ansible: [] } };
    for (let i = 0; i < runs; i++) {
      await resetRole(lab, hosts);
      c.first.orchestrate.push(await runOrchestrate(lab, hosts, PLAYBOOK));
      await resetRole(lab, hosts);
      c.first.ansible.push(await runAnsible(lab, hosts));
      log(`  ${n} hosts: first apply ${i + 1}/${runs} done`);
    }
    for (let i = 0; i < runs; i++) {
      c.noop.orchestrate.push(expectNoop(await runOrchestrate(lab, hosts, PLAYBOOK), 'a no-op'));
      c.noop.ansible.push(expectNoop(await runAnsible(lab, hosts), 'a no-op'));
      log(`  ${n} hosts: no-op ${i + 1}/${runs} done`);
    }
    c.floor = await sshFloor(lab, runs);
    return c;
  } finally {
    await stopMasters(controlPathDir(lab));
    await labDown(lab);
  }
}

/** One row of the side-by-side table from a host count's samples. */
export function toRow(c: Comparison): Row {
  const phase = (p: Comparison['first']) => {
    const orchestrate = summarize(p.orchestrate);
    const ansible = summarize(p.ansible);
    return { orchestrate, ansible, ratio: ansible.wallS / orchestrate.wallS };
  };
  return { hosts: c.hosts, first: phase(c.first), noop: phase(c.noop), ...(c.floor ? { floor: c.floor } : {}) };
}
