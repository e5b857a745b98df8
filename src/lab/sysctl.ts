// Machine sysctls the lab needs: the default 128 inotify instances break at about 20 hosts.

import { readFile, writeFile } from 'node:fs/promises';

/** Minimums raised (never lowered) before hosts boot. */
export const INOTIFY_MINIMUMS: Readonly<Record<string, number>> = {
  '/proc/sys/fs/inotify/max_user_instances': 8192,
  '/proc/sys/fs/inotify/max_user_watches': 1048576,
};

/** Raises each sysctl to its minimum when it is lower. */
export async function raiseInotifyLimits(): Promise<void> {
  for (const [path, min] of Object.entries(INOTIFY_MINIMUMS)) {
    const now = Number((await readFile(path, 'utf8')).trim());
    if (!(now >= min)) await writeFile(path, `${min}\n`);
  }
}
