// One ext4 image per lab, loop-mounted, a directory per host bound at /var/lib/containerd:
// containerd's overlayfs snapshotter cannot stack on the hosts' own overlay root.

import { access, mkdir, open } from 'node:fs/promises';
import { isMounted } from './mounts.ts';
import type { LabPaths } from './paths.ts';
import { run, runOk } from './proc.ts';

/** Default sparse size of the image; only blocks written use disk. ORCHESTRATE_LAB_DISK_GB overrides. */
export const DEFAULT_DISK_GB = 32;

function diskGb(env: NodeJS.ProcessEnv): number {
  const n = Number(env['ORCHESTRATE_LAB_DISK_GB'] ?? DEFAULT_DISK_GB);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : DEFAULT_DISK_GB;
}

/** Creates (sparse), formats and loop-mounts the lab's image; idempotent. */
export async function ensureLabDisk(lab: LabPaths, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (await isMounted(lab.diskMount)) return;
  const fresh = await access(lab.diskImage).then(
    () => false,
    () => true,
  );
  if (fresh) {
    const fh = await open(lab.diskImage, 'w', 0o600);
    await fh.truncate(diskGb(env) * 1024 ** 3);
    await fh.close();
    await runOk(['mkfs.ext4', '-q', '-F', '-m', '0', '-E', 'lazy_itable_init=1,lazy_journal_init=1', lab.diskImage]);
  }
  await mkdir(lab.diskMount, { recursive: true, mode: 0o700 });
  await runOk(['mount', '-o', 'loop', lab.diskImage, lab.diskMount]);
}

/** The host's directory on the image (created on first use). */
export async function ensureHostDiskDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o711 });
}

/** Detaches any loop device still backed by the image (after unmounting; autoclear usually did it). */
export async function detachLabLoops(lab: LabPaths): Promise<void> {
  const r = await run(['losetup', '-j', lab.diskImage]);
  for (const line of r.stdout.split('\n')) {
    const dev = line.split(':')[0];
    if (dev) await run(['losetup', '-d', dev]);
  }
}
