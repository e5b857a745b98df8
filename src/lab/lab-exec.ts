// Running things inside a lab's netns: the orchestrator under test, ssh, benchmarks. Nothing that
// talks to lab addresses ever runs in the machine's own namespace.

import { spawn } from 'node:child_process';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sh } from '../shell/quote.ts';
import { requireLabState } from './lab-state.ts';
import { inNetns } from './netns.ts';
import type { LabPaths } from './paths.ts';
import { run, type RunOptions, type RunResult } from './proc.ts';

/** The repository this code runs from (its src/cli/bin.js is the `orchestrate` command). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Writes <lab>/bin/orchestrate, a shim running this checkout's CLI with this node. Rewritten only when it
 * differs, by rename: writing in place while another process execs it fails with ETXTBSY.
 */
export async function writeOrchestrateShim(lab: LabPaths): Promise<void> {
  const bin = join(REPO_ROOT, 'src/cli/bin.js');
  const text = `#!/bin/sh\n${sh`exec ${process.execPath} ${bin}`} "$@"\n`;
  const path = join(lab.binDir, 'orchestrate');
  if ((await readFile(path, 'utf8').catch(() => '')) === text) return;
  await mkdir(lab.binDir, { recursive: true, mode: 0o755 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o755 });
  await rename(tmp, path);
}

/** argv and env for running cmd in the lab's netns with ORCHESTRATE_INVENTORY set and the shim on PATH. */
export async function labExecArgs(
  name: string,
  cmd: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ argv: string[]; env: NodeJS.ProcessEnv }> {
  const { lab } = await requireLabState(name);
  await writeOrchestrateShim(lab);
  return {
    argv: inNetns(lab, cmd),
    env: {
      ...env,
      ORCHESTRATE_INVENTORY: lab.inventory,
      ORCHESTRATE_LAB: lab.name,
      PATH: `${lab.binDir}:${env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin'}`,
    },
  };
}

/** Runs cmd in the lab's netns and captures its output (for tests). */
export async function labRun(name: string, cmd: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const { argv, env } = await labExecArgs(name, cmd, opts.env);
  return run(argv, { ...opts, env });
}

/** Runs cmd in the lab's netns with stdio inherited; resolves to its exit status (128+n on a signal). */
export async function labExecInherit(name: string, cmd: readonly string[]): Promise<number> {
  const { argv, env } = await labExecArgs(name, cmd);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env });
    // Ctrl-C reaches the child through the terminal's process group; SIGTERM must be passed on.
    const forward = (): void => void child.kill('SIGTERM');
    process.on('SIGTERM', forward);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
