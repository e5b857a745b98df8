// Ansible's ControlPersist masters detach from the run, so wait4 never counts them: read their CPU from /proc.

import { readdir, readFile } from 'node:fs/promises';
import { constants } from 'node:os';

/** CLK_TCK on Linux (the kernel's USER_HZ, 100 on every mainstream architecture). */
const TICKS_PER_S = 100;

/** pid -> CPU ticks (utime+stime) of every ssh master whose control socket lives in dir. */
export async function masterTicks(dir: string): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (!cmd.startsWith(`ssh: ${dir}/`)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised comm: state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f.length > 13) found.set(Number(entry), Number(f[11]) + Number(f[12]));
  }
  return found;
}

/** Seconds of CPU the masters spent between two snapshots (masters born in between count whole). */
export function masterCpuS(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks / TICKS_PER_S;
}

/** Ends the masters the benchmark's Ansible runs left behind (by pid; they are ours). */
export async function stopMasters(dir: string): Promise<void> {
  for (const pid of (await masterTicks(dir)).keys()) {
    try {
      process.kill(pid, constants.signals.SIGTERM);
    } catch {
      // already gone
    }
  }
}
