// The human-readable table (Markdown, so it can go into the README as printed).

import type { AloneResult } from './alone.ts';
import type { ClusterResult } from './real-cluster.ts';
import type { Row } from './stats.ts';

const s = (x: number): string => `${x.toFixed(1)} s`;
const r = (x: number): string => `${x.toFixed(1)}x`;
const n = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** Side by side: medians, ratios (Ansible / orchestrate), CPU, RSS, SSH sessions per host. */
export function comparisonTable(rows: readonly Row[]): string {
  const head = [
    '| hosts | first apply: orchestrate / Ansible | ratio | no-op: orchestrate / Ansible | ratio | ssh floor | no-op / floor: orch / Ansible | CPU s no-op: orch / Ansible | CPU s first: orch / Ansible | orch peak RSS | exec sessions per host no-op: orch / Ansible | first apply: orch / Ansible (+sftp) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const body = rows.map((w) => {
    const { first: f, noop: o } = w;
    const sftp = `${n(f.orchestrate.subsystemPerHost)} / ${n(f.ansible.subsystemPerHost)}`;
    return `| ${w.hosts} | ${s(f.orchestrate.wallS)} / ${s(f.ansible.wallS)} | ${r(f.ratio)} | ${s(o.orchestrate.wallS)} / ${s(o.ansible.wallS)} | ${r(o.ratio)} | ${w.floor ? s(w.floor.wallS) : '-'} | ${w.floor ? `${r(o.orchestrate.wallS / w.floor.wallS)} / ${r(o.ansible.wallS / w.floor.wallS)}` : '-'} | ${o.orchestrate.cpuS.toFixed(1)} / ${o.ansible.cpuS.toFixed(1)} | ${f.orchestrate.cpuS.toFixed(1)} / ${f.ansible.cpuS.toFixed(1)} | ${Math.max(f.orchestrate.maxRssMb, o.orchestrate.maxRssMb).toFixed(0)} MB | ${n(o.orchestrate.execPerHost)} / ${n(o.ansible.execPerHost)} | ${n(f.orchestrate.execPerHost)} / ${n(f.ansible.execPerHost)} (+${sftp}) |`;
  });
  return [...head, ...body].join('\n');
}

/** orchestrate alone (60 hosts, the cluster playbook). */
export function aloneTable(rows: readonly AloneResult[]): string {
  const head = [
    '| orchestrate alone | hosts | first apply | no-op (median) | ssh floor | no-op / floor | CPU s no-op | peak RSS | no-op, --persist | CPU s (with mux) | peak RSS CLI + mux | round trips per host (no-op) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const body = rows.map((a) => {
    const p = a.noopPersist;
    const persist = p
      ? `${s(p.wallS)} | ${p.cpuS.toFixed(1)} | ${p.maxRssMb.toFixed(0)} + ${p.muxRssMb.toFixed(0)} MB`
      : '- | - | -';
    return `| ${a.what} | ${a.hosts} | ${s(a.firstApplyS)} | ${s(a.noop.wallS)} | ${s(a.floor.wallS)} | ${r(a.noop.wallS / a.floor.wallS)} | ${a.noop.cpuS.toFixed(1)} | ${a.noop.maxRssMb.toFixed(0)} MB | ${persist} | ${a.roundTripsPerHost} |`;
  });
  return [...head, ...body].join('\n');
}

/** The real cluster: bare hosts to Ready, and its no-ops against the floor of the same run. */
export function clusterTable(c: ClusterResult): string {
  const p = c.noopPersist;
  return [
    '| playbooks/cluster.ts (real programs) | hosts | bare to Ready + DNS | first apply (CPU s) | no-op | ssh floor | no-op / floor | CPU s no-op | no-op, --persist | --persist / floor | round trips per host |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| Kubernetes ${c.kubernetes} | ${c.hosts} | ${s(c.toReadyS)} | ${s(c.firstApplyS)} (${c.firstApplyCpuS.toFixed(1)}) | ${s(c.noop.wallS)} | ${s(c.floor.wallS)} | ${r(c.noop.wallS / c.floor.wallS)} | ${c.noop.cpuS.toFixed(1)} | ${s(p.wallS)} | ${r(p.wallS / c.floor.wallS)} | ${c.roundTripsPerHost} |`,
  ].join('\n');
}
