// Runs a command inside a lab's netns under /usr/bin/time: wall, CPU (user+sys of the whole reaped tree), peak RSS.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { labExecArgs } from '../../src/lab/index.ts';

/** One measured run. */
export interface Timed {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallS: number;
  /** user+sys of the child and every descendant it waited for (wait4's rusage, as /usr/bin/time reports it). */
  readonly cpuS: number;
  /** The largest maxrss in that tree (for orchestrate: its node process). */
  readonly maxRssMb: number;
}

/** Runs cmd in the lab's netns (env merged over the lab's), timed by /usr/bin/time. */
export async function timedInLab(lab: string, cmd: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const dir = await mkdtemp(join(tmpdir(), 'orch-bench-time-'));
  const out = join(dir, 'time');
  try {
    const timed = ['/usr/bin/time', '-o', out, '-f', '%U %S %M', ...cmd];
    const { argv, env: labEnv } = await labExecArgs(lab, timed, { ...process.env, CI: '1', ...env });
    const t0 = performance.now();
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { env: labEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
    const wallS = (performance.now() - t0) / 1000;
    // /usr/bin/time writes "Command exited with non-zero status N" first on failures: the last line is ours.
    const last = (await readFile(out, 'utf8')).trim().split('\n').pop() ?? '';
    const [user, sys, rssKb] = last.split(' ').map(Number);
    return { ...r, wallS, cpuS: (user ?? NaN) + (sys ?? NaN), maxRssMb: (rssKb ?? NaN) / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
