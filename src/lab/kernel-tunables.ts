// Kernel tunables as hosts read them. Inside a host /proc/sys/vm and /proc/sys/kernel are read-only
// (they are the machine's, for every host at once), so the lab shows each host files holding the
// values below, bound read-only over the /proc/sys entries; the machine's own settings stay as they are.
//
// nspawn mounts custom binds whose target is under /proc after it has mounted /proc (so they land
// on top), but it looks up their source inside the guest's root by then: the lab's dir of value files
// is bound first at IN_HOST_DIR (an ordinary bind, done before /proc), and each entry from there.

import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What the kubelet's kernel-defaults check wants (it writes any that differ, and stops when it cannot). */
export const KERNEL_TUNABLES: Readonly<Record<string, string>> = {
  'vm/overcommit_memory': '1',
  'vm/panic_on_oom': '0',
  'kernel/panic': '10',
  'kernel/panic_on_oops': '1',
  'kernel/keys/root_maxkeys': '1000000',
  'kernel/keys/root_maxbytes': '25000000',
};

/** Where a host sees the lab's value files (a tmpfs nspawn mounts, so nothing lands on the host's disk). */
export const IN_HOST_DIR = '/run/orchestrate-lab/kernel-tunables';

/** Pure: the nspawn binds that show a host the values of `entries` (keys of KERNEL_TUNABLES) from dir. */
export function kernelTunableBinds(dir: string, entries: readonly string[]): string[] {
  if (entries.length === 0) return [];
  return [`--bind-ro=${dir}:${IN_HOST_DIR}`, ...entries.map((e) => `--bind-ro=${IN_HOST_DIR}/${e}:/proc/sys/${e}`)];
}

/**
 * Writes the lab's value files into dir (idempotent); returns the entries this kernel has, the
 * only ones a bind can cover (a kernel without one fails the kubelet on its own, as on a real host).
 */
export async function writeKernelTunables(dir: string): Promise<string[]> {
  const present: string[] = [];
  for (const [entry, value] of Object.entries(KERNEL_TUNABLES)) {
    const have = await access(`/proc/sys/${entry}`).then(
      () => true,
      () => false,
    );
    if (!have) continue;
    await mkdir(dirname(join(dir, entry)), { recursive: true, mode: 0o755 });
    await writeFile(join(dir, entry), `${value}\n`, { mode: 0o444 });
    present.push(entry);
  }
  return present;
}
