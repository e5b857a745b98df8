// Per-host cgroups in every mounted hierarchy. nspawn gives each guest a cgroup namespace rooted at
// the launcher's cgroup; a hierarchy where hosts shared that cgroup would show every guest the same
// `/`, so their kubelets would share one kubepods tree there and one node could act on another's pods.

import { access, mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { unescapeMountField } from './mounts.ts';

/** One line of /proc/<pid>/cgroup. */
export interface CgroupMembership {
  readonly id: number;
  /** v1: the hierarchy's controllers and name= ("cpu,cpuacct" -> [cpu, cpuacct]); v2: empty. */
  readonly controllers: readonly string[];
  readonly path: string;
}

/** Pure: every hierarchy this process is in, from /proc/self/cgroup text. */
export function parseProcCgroup(text: string): CgroupMembership[] {
  const out: CgroupMembership[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):([^:]*):(\/.*)$/.exec(line);
    if (!m) continue;
    const [, id, ctrls, path] = m as unknown as [string, string, string, string];
    out.push({ id: Number(id), controllers: ctrls === '' ? [] : ctrls.split(','), path });
  }
  return out;
}

/** A mounted cgroup filesystem. */
export interface CgroupMount {
  readonly mountPoint: string;
  /** The hierarchy's dir shown at the mount point ("/" unless a subtree was mounted or bound). */
  readonly root: string;
  readonly version: 1 | 2;
  /** Super options: for v1 the hierarchy's controllers and name=, among rw, xattr and the like. */
  readonly options: readonly string[];
}

/** Pure: the cgroup mounts in /proc/self/mountinfo text, in mount order. */
export function parseCgroupMounts(text: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    const fstype = fields[dash + 1];
    if (dash < 6 || (fstype !== 'cgroup' && fstype !== 'cgroup2')) continue;
    out.push({
      mountPoint: unescapeMountField(fields[4]!),
      root: unescapeMountField(fields[3]!),
      version: fstype === 'cgroup2' ? 2 : 1,
      options: (fields[dash + 3] ?? '').split(','),
    });
  }
  return out;
}

/** A hierarchy this process is in, and its own dir there on the machine. */
export interface OwnCgroup {
  /** "unified" for v2, else the v1 controllers as /proc/self/cgroup joins them ("cpu,cpuacct", "name=systemd"). */
  readonly hierarchy: string;
  readonly mountPoint: string;
  readonly dir: string;
}

/** Pure: path's dir below a mount showing root, or undefined when path is outside what it shows. */
function pathUnder(root: string, path: string): string | undefined {
  if (root === '/') return path;
  if (path === root) return '/';
  return path.startsWith(`${root}/`) ? path.slice(root.length) : undefined;
}

/**
 * Pure: this process's dir in every mounted hierarchy it is in (/proc/self/cgroup joined with the
 * cgroup mounts), whatever the controllers are called or combined as; a hierarchy mounted more than
 * once is taken from /sys/fs/cgroup when it is there. Hierarchies not mounted are left out.
 */
export function ownCgroups(memberships: readonly CgroupMembership[], mounts: readonly CgroupMount[]): OwnCgroup[] {
  const out: OwnCgroup[] = [];
  for (const m of memberships) {
    const v2 = m.id === 0 && m.controllers.length === 0;
    const candidates = mounts.filter((mt) =>
      v2 ? mt.version === 2 : mt.version === 1 && m.controllers.every((c) => mt.options.includes(c)),
    );
    const usable = candidates.filter((mt) => pathUnder(mt.root, m.path) !== undefined);
    const inSys = (mt: CgroupMount): boolean => mt.mountPoint.startsWith('/sys/fs/cgroup');
    const mount = usable.find(inSys) ?? usable[0];
    if (mount === undefined) continue;
    const rel = pathUnder(mount.root, m.path)!;
    const dir = rel === '/' ? mount.mountPoint : join(mount.mountPoint, rel);
    out.push({ hierarchy: v2 ? 'unified' : m.controllers.join(','), mountPoint: mount.mountPoint, dir });
  }
  return out;
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/** The lab's cgroup dirs (one per mounted hierarchy), under this process's own cgroups. */
export async function labCgroupRoots(cgroupName: string): Promise<string[]> {
  const own = ownCgroups(
    parseProcCgroup(await readFile('/proc/self/cgroup', 'utf8')),
    parseCgroupMounts(await readFile('/proc/self/mountinfo', 'utf8')),
  );
  const roots = new Set<string>();
  for (const o of own) if (await exists(join(o.dir, 'cgroup.procs'))) roots.add(join(o.dir, cgroupName));
  return [...roots];
}

/** What a new v1 cpuset cgroup starts with empty; a process cannot join it until both are set (ENOSPC). */
export const CPUSET_FILES = ['cpuset.cpus', 'cpuset.mems'] as const;

/** One level of a cpuset path: create dir, then copy CPUSET_FILES from parent where dir's are empty. */
export interface CpusetStep {
  readonly parent: string;
  readonly dir: string;
}

/** Pure: the steps from an existing, usable cpuset dir down to target, top first. */
export function cpusetCopyPlan(existing: string, target: string): CpusetStep[] {
  const rel = relative(existing, target);
  if (rel === '' || rel.startsWith('..') || rel.startsWith('/')) {
    throw new Error(`cpuset: ${target} is not below ${existing}`);
  }
  const steps: CpusetStep[] = [];
  let parent = existing;
  for (const part of rel.split('/')) {
    const dir = join(parent, part);
    steps.push({ parent, dir });
    parent = dir;
  }
  return steps;
}

async function makeCpusetDirs(existing: string, target: string): Promise<void> {
  for (const { parent, dir } of cpusetCopyPlan(existing, target)) {
    await mkdir(dir, { recursive: true });
    for (const f of CPUSET_FILES) {
      if ((await readFile(join(dir, f), 'utf8')).trim() !== '') continue;
      const value = (await readFile(join(parent, f), 'utf8')).trim();
      if (value !== '') await writeFile(join(dir, f), `${value}\n`);
    }
  }
}

/** True for a v1 cpuset dir (v2 has cgroup.controllers, and an empty cpuset.cpus there means "the parent's"). */
async function isV1Cpuset(dir: string): Promise<boolean> {
  return (await exists(join(dir, 'cpuset.cpus'))) && !(await exists(join(dir, 'cgroup.controllers')));
}

/**
 * Creates <root>/<host> in every hierarchy (cpuset dirs get their parent's cpus and mems first, so
 * the launcher can join them); returns the cgroup.procs files the launcher joins.
 */
export async function createHostCgroups(roots: readonly string[], host: string): Promise<string[]> {
  const procs: string[] = [];
  for (const root of roots) {
    const dir = join(root, host);
    if (await isV1Cpuset(dirname(root))) await makeCpusetDirs(dirname(root), dir);
    else await mkdir(dir, { recursive: true });
    procs.push(join(dir, 'cgroup.procs'));
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
