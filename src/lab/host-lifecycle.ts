// One host's life: create (overlay + identity), boot (cgroups + launcher), power off.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cgroupPids, createHostCgroups, removeCgroupTree } from './cgroups.ts';
import { ensureHostDiskDir } from './containerd-disk.ts';
import { writeHostFiles } from './host-files.ts';
import type { LabHost } from './host-plan.ts';
import type { LabState } from './lab-state.ts';
import { isAlive, launcherPid, nspawnArgs, renderLauncher, spawnLauncher } from './launcher.ts';
import { isMounted, mountOverlay, unmountUnder } from './mounts.ts';
import type { LabPaths } from './paths.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function ensureOverlay(lab: LabPaths, state: LabState, host: LabHost): Promise<void> {
  const hp = lab.host(host.name);
  if (await isMounted(hp.merged)) return;
  for (const d of [hp.upper, hp.work, hp.merged]) await mkdir(d, { recursive: true, mode: 0o755 });
  await mountOverlay(state.baseDir, hp.upper, hp.work, hp.merged);
}

/** First start of a host: its overlay, its containerd dir, its identity; returns its known_hosts line. */
export async function createHost(lab: LabPaths, state: LabState, host: LabHost, labPublicKey: string): Promise<string> {
  const hp = lab.host(host.name);
  await mkdir(hp.dir, { recursive: true, mode: 0o700 });
  await ensureOverlay(lab, state, host);
  await ensureHostDiskDir(hp.containerdDir);
  return writeHostFiles(hp.merged, host, state.prefix, labPublicKey);
}

/** Boots a created host: overlay mounted, cgroups made, launcher started (does not wait). */
export async function bootHost(lab: LabPaths, state: LabState, host: LabHost): Promise<number> {
  const hp = lab.host(host.name);
  const running = await launcherPid(hp);
  if (running !== undefined) return running;
  await ensureOverlay(lab, state, host);
  await ensureHostDiskDir(hp.containerdDir);
  const procs = await createHostCgroups(state.cgroupRoots, host.name);
  const nspawn = nspawnArgs(lab, host, {
    bindReadOnly: state.bindReadOnly,
    binds: state.binds ?? [],
    kernelTunables: state.kernelTunables ?? [],
  });
  await writeFile(hp.launcher, renderLauncher(lab, host, procs, nspawn), { mode: 0o700 });
  await mkdir(lab.logs, { recursive: true, mode: 0o700 });
  return spawnLauncher(hp);
}

/** Powers a host off (SIGTERM: the guest shuts down cleanly), killing it after graceMs; unmounts it. */
export async function powerOffHost(lab: LabPaths, state: LabState, host: LabHost, graceMs = 20_000): Promise<void> {
  const hp = lab.host(host.name);
  const pid = await launcherPid(hp);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && (await isAlive(pid))) await sleep(100);
  }
  // Whatever survived (a wedged guest, a launcher that lost its pid file) is still in the host's cgroups.
  for (let round = 0; round < 50; round++) {
    const pids = new Set<number>();
    for (const root of state.cgroupRoots) for (const p of await cgroupPids(join(root, host.name))) pids.add(p);
    if (pid !== undefined && (await isAlive(pid))) pids.add(pid);
    if (pids.size === 0) break;
    for (const p of pids) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await sleep(100);
  }
  for (const root of state.cgroupRoots) await removeCgroupTree(join(root, host.name));
  await unmountUnder(hp.merged);
}
