// The per-host supervisor: a tiny detached sh loop that joins the host's cgroups, runs nspawn in the
// lab's netns, relaunches it when the guest reboots (exit 133), and forwards SIGTERM (power off).

import { spawn } from 'node:child_process';
import { open, readFile, writeFile } from 'node:fs/promises';
import { sh } from '../shell/quote.ts';
import type { LabHost } from './host-plan.ts';
import { kernelTunableBinds } from './kernel-tunables.ts';
import { BRIDGE, type HostPaths, type LabPaths } from './paths.ts';

/** A machine path bound into every host of a lab (nspawn --bind / --bind-ro). */
export interface LabBind {
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** What nspawn needs beyond the paths: optional machine dirs to bind read-only, caller-given binds, tunables. */
export interface NspawnExtras {
  readonly bindReadOnly: readonly string[];
  readonly binds?: readonly LabBind[];
  /** /proc/sys entries shown with the lab's values (keys of KERNEL_TUNABLES, files in lab.tunablesDir). */
  readonly kernelTunables?: readonly string[];
}

/** Pure: the nspawn argv (every option NOTES calls for, and why it is there is in docs/lab.md). */
export function nspawnArgs(lab: LabPaths, host: LabHost, extras: NspawnExtras): string[] {
  const hp = lab.host(host.name);
  return [
    'systemd-nspawn',
    '--boot',
    '--register=no',
    '--keep-unit',
    `--directory=${hp.merged}`,
    `--machine=${hp.machine}`,
    `--hostname=${host.name}`,
    `--network-bridge=${BRIDGE}`,
    '--resolv-conf=off',
    '--link-journal=no',
    '--console=read-only',
    '--system-call-filter=@keyring',
    '--bind=/dev/kmsg',
    // SYSLOG: the kubelet reads /dev/kmsg. SYS_RESOURCE: runc lowers a pod sandbox's oom_score_adj (as on a real host).
    '--capability=CAP_SYSLOG,CAP_SYS_RESOURCE',
    `--bind=${hp.containerdDir}:/var/lib/containerd`,
    ...extras.bindReadOnly.map((d) => `--bind-ro=${d}`),
    ...(extras.binds ?? []).map((b) => `--bind${b.readOnly ? '-ro' : ''}=${b.source}:${b.target}`),
    ...kernelTunableBinds(lab.tunablesDir, extras.kernelTunables ?? []),
  ];
}

/** Pure: the launcher script for one host. */
export function renderLauncher(
  lab: LabPaths,
  host: LabHost,
  cgroupProcs: readonly string[],
  nspawn: readonly string[],
): string {
  const joins = cgroupProcs.map((p) => sh`echo $$ > ${p}`).join('\n');
  const cmd = sh`nsenter --net=${lab.netnsFile} -- ${nspawn}`;
  return `#!/bin/sh
# orchestrate lab launcher for ${host.name} (${host.address}); written by \`orchestrate lab up\`.
${joins}
stop=0
trap 'stop=1; kill -TERM "$child" 2>/dev/null' TERM INT HUP
while :; do
  ${cmd} &
  child=$!
  wait "$child"; rc=$?
  while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
  echo "orchestrate-lab: nspawn exited $rc"
  [ "$stop" = 0 ] && [ "$rc" = 133 ] || break
  echo "orchestrate-lab: guest rebooted, relaunching"
done
exit 0
`;
}

/** Starts the launcher detached (own session), output appended to the host's log; returns its pid. */
export async function spawnLauncher(hp: HostPaths): Promise<number> {
  const log = await open(hp.log, 'a', 0o600);
  try {
    const child = spawn('/bin/sh', [hp.launcher], { detached: true, stdio: ['ignore', log.fd, log.fd] });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid!));
    });
    child.unref();
    await writeFile(hp.pidFile, `${pid}\n`);
    return pid;
  } finally {
    await log.close();
  }
}

/** True when pid is a live (not zombie) process. */
export async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return stat !== '' && state !== 'Z' && state !== 'X';
}

/** The host's launcher pid when it is running (checked against its command line, never a recycled pid). */
export async function launcherPid(hp: HostPaths): Promise<number | undefined> {
  const pid = Number((await readFile(hp.pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !(await isAlive(pid))) return undefined;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').includes(hp.launcher) ? pid : undefined;
}
