// Ansible's ControlPersist masters and orchestrate's mux detach from the run, so wait4 never counts
// them: read their CPU (and the mux's memory) from /proc.

import { readdir, readFile } from 'node:fs/promises';
import { constants } from 'node:os';

/** CLK_TCK on Linux (the kernel's USER_HZ, 100 on every mainstream architecture). */
const TICKS_PER_S = 100;

/** pid -> CPU ticks (utime+stime) of every ssh master whose control socket lives in dir. */
export function masterTicks(dir: string): Promise<Map<number, number>> {
  return ticksOf((cmd) => cmd.startsWith(`ssh: ${dir}/`));
}

/** pid -> CPU ticks of orchestrate's connection mux serving stateDir (--persist; detached like the masters). */
export function muxTicks(stateDir: string): Promise<Map<number, number>> {
  return ticksOf((cmd) => cmd.includes(`\0__mux\0${stateDir}/mux/`));
}

/** Peak RSS (VmHWM, MB) of the largest mux serving stateDir, 0 when none runs. */
export async function muxPeakRssMb(stateDir: string): Promise<number> {
  let kb = 0;
  for (const pid of (await muxTicks(stateDir)).keys()) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb = Math.max(kb, Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0));
  }
  return kb / 1024;
}

async function ticksOf(matches: (cmdline: string) => boolean): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (!matches(cmd)) continue;
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
