// Per-host cgroups, so guests do not share one `payload` cgroup and disturb each other.

import { access, readFile, readdir, rmdir, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Hierarchies each host gets its own directory in. */
export const HIERARCHIES = ['name=systemd', 'unified', 'memory', 'pids'] as const;
export type Hierarchy = (typeof HIERARCHIES)[number];

/** Pure: this process's path in each hierarchy, from /proc/self/cgroup text. */
export function parseProcCgroup(text: string): Map<Hierarchy, string> {
  const out = new Map<Hierarchy, string>();
  for (const line of text.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    const [, id, ctrls, path] = m as unknown as [string, string, string, string];
    const names = ctrls.split(',');
    if (id === '0' && ctrls === '') out.set('unified', path);
    for (const h of HIERARCHIES) if (names.includes(h)) out.set(h, path);
  }
  return out;
}

/** Pure: the mount dir of a hierarchy on a v1/hybrid machine (pure v2 uses /sys/fs/cgroup). */
export function hierarchyMount(h: Hierarchy, pureV2: boolean): string {
  if (pureV2) return '/sys/fs/cgroup';
  return h === 'name=systemd' ? '/sys/fs/cgroup/systemd' : `/sys/fs/cgroup/${h}`;
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/** The lab's cgroup dirs (one per mounted hierarchy), under this process's own cgroups. */
export async function labCgroupRoots(cgroupName: string): Promise<string[]> {
  const own = parseProcCgroup(await readFile('/proc/self/cgroup', 'utf8'));
  const pureV2 = await exists('/sys/fs/cgroup/cgroup.controllers');
  const roots = new Set<string>();
  for (const h of HIERARCHIES) {
    const path = own.get(h);
    if (path === undefined || (pureV2 && h !== 'unified')) continue;
    const mount = hierarchyMount(h, pureV2);
    if (await exists(join(mount, 'cgroup.procs'))) roots.add(join(mount, path, cgroupName));
  }
  return [...roots];
}

/** Creates <root>/<host> in every hierarchy; returns the cgroup.procs files the launcher joins. */
export async function createHostCgroups(roots: readonly string[], host: string): Promise<string[]> {
  const procs: string[] = [];
  for (const root of roots) {
    await mkdir(join(root, host), { recursive: true });
    procs.push(join(root, host, 'cgroup.procs'));
  }
  return procs;
}

/** Every pid in a cgroup dir and its descendants (empty when the dir is gone). */
export async function cgroupPids(dir: string): Promise<number[]> {
  const pids: number[] = [];
  const text = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
  for (const l of text.split('\n')) if (l.trim()) pids.push(Number(l));
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isDirectory()) pids.push(...(await cgroupPids(join(dir, e.name))));
  return pids;
}

/** Removes a cgroup subtree depth-first; empty cgroups only, so a live process keeps its own. */
export async function removeCgroupTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isDirectory()) await removeCgroupTree(join(dir, e.name));
  await rmdir(dir).catch(() => undefined);
}
