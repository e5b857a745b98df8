// One measured run of each tool on a lab: orchestrate (its --json recap) and ansible-playbook (its PLAY RECAP).

import { join } from 'node:path';
import { labInfo } from '../../src/lab/index.ts';
import { labStateDir } from '../../test/e2e/support/lab.ts';
import { REPO_ROOT } from '../../src/lab/lab-exec.ts';
import { countSessions, markSessions } from './sshd-sessions.ts';
import { masterCpuS, masterTicks, muxPeakRssMb, muxTicks } from './ssh-masters.ts';
import { timedInLab, type Timed } from './timed.ts';

export type Tool = 'orchestrate' | 'ansible';

/** One sample: what the benchmark tables are made of. */
export interface Sample {
  readonly tool: Tool;
  readonly wallS: number;
  readonly cpuS: number;
  readonly maxRssMb: number;
  /** Changes summed over hosts (0 on a no-op). */
  readonly changed: number;
  /** Most exec sessions any one host served (sshd's log); subsystem (sftp) sessions apart. */
  readonly execPerHost: number;
  readonly subsystemPerHost: number;
  /** --persist samples: the connection mux's peak RSS (a process apart from the CLI's). */
  readonly muxRssMb?: number;
  /** orchestrate's own count (--json roundTrips, the most of any host); undefined for Ansible. */
  readonly roundTrips?: number;
}

/** Where the benchmark's Ansible keeps its ControlPersist sockets for a lab (also used to stop the masters). */
export const controlPathDir = (lab: string): string => `/tmp/orch-bench-cp-${lab}`;

function failure(tool: Tool, r: Timed): Error {
  return new Error(`${tool} failed (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
}

async function measured(lab: string, hosts: readonly string[], run: () => Promise<Timed>) {
  const marks = await markSessions(lab, hosts);
  const r = await run();
  const sessions = [...(await countSessions(lab, marks)).values()];
  return {
    r,
    execPerHost: Math.max(...sessions.map((s) => s.exec)),
    subsystemPerHost: Math.max(...sessions.map((s) => s.subsystem)),
  };
}

/** Seconds the mux keeps connections in --persist samples (longer than any gap between samples). */
export const PERSIST_S = 300;

/**
 * `orchestrate apply PLAYBOOK --json` inside the lab; with persist, `--persist` too, and the mux's
 * CPU during the run is added (its memory is reported apart: it is a process of its own).
 */
export async function runOrchestrate(
  lab: string,
  hosts: readonly string[],
  playbook: string,
  persist = false,
): Promise<Sample> {
  const stateDir = await labStateDir(lab);
  const before = persist ? await muxTicks(stateDir) : new Map<number, number>();
  const args = ['orchestrate', 'apply', playbook, '--json', ...(persist ? ['--persist', String(PERSIST_S)] : [])];
  const { r, execPerHost, subsystemPerHost } = await measured(lab, hosts, () => timedInLab(lab, args));
  const muxS = persist ? masterCpuS(before, await muxTicks(stateDir)) : 0;
  if (r.code !== 0) throw failure('orchestrate', r);
  if (persist && r.stderr.includes('connection mux not used')) throw failure('orchestrate', r);
  const report = JSON.parse(r.stdout) as { hosts: Record<string, { changed: number; roundTrips: number }> };
  const per = Object.values(report.hosts);
  return {
    tool: 'orchestrate',
    wallS: r.wallS,
    cpuS: r.cpuS + muxS,
    maxRssMb: r.maxRssMb,
    ...(persist ? { muxRssMb: await muxPeakRssMb(stateDir) } : {}),
    changed: per.reduce((n, h) => n + h.changed, 0),
    execPerHost,
    subsystemPerHost,
    roundTrips: Math.max(...per.map((h) => h.roundTrips)),
  };
}

/** Sums `changed=N` over the PLAY RECAP lines; throws when a host failed or was unreachable. */
export function parseRecap(stdout: string): { hosts: number; changed: number } {
  const lines = [...stdout.matchAll(/^\S+\s+: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm)];
  if (lines.some((m) => m[2] !== '0' || m[3] !== '0')) throw new Error('a host failed or was unreachable');
  return { hosts: lines.length, changed: lines.reduce((n, m) => n + Number(m[1]), 0) };
}

/** `ansible-playbook bench/ansible/certsvc.yml` inside the lab: forks = hosts, the lab's key and known_hosts. */
export async function runAnsible(lab: string, hosts: readonly string[]): Promise<Sample> {
  const info = await labInfo(lab);
  const cp = controlPathDir(lab);
  const env = {
    ANSIBLE_CONFIG: join(REPO_ROOT, 'bench/ansible/ansible.cfg'),
    ANSIBLE_FORKS: String(hosts.length),
    ANSIBLE_SSH_CONTROL_PATH_DIR: cp,
    // Host keys checked against the lab's known_hosts (never disabled).
    ANSIBLE_SSH_ARGS: `-o ControlMaster=auto -o ControlPersist=60s -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${info.knownHosts}`,
  };
  const before = await masterTicks(cp);
  const cmd = ['ansible-playbook', '-i', info.inventory, join(REPO_ROOT, 'bench/ansible/certsvc.yml')];
  const { r, execPerHost, subsystemPerHost } = await measured(lab, hosts, () => timedInLab(lab, cmd, env));
  const mastersS = masterCpuS(before, await masterTicks(cp));
  if (r.code !== 0) throw failure('ansible', r);
  const recap = parseRecap(r.stdout);
  if (recap.hosts !== hosts.length) throw failure('ansible', r);
  return {
    tool: 'ansible',
    wallS: r.wallS,
    cpuS: r.cpuS + mastersS,
    maxRssMb: r.maxRssMb,
    changed: recap.changed,
    execPerHost,
    subsystemPerHost,
  };
}
