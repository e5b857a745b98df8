// Runs one corpus case through the real CLI in a subprocess, with its own state dir and a copy of the type-check cache.

import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BadInputCase } from './corpus.ts';
import { fill, REPO, writeCaseFiles, type Placeholders } from './workspace.ts';

export interface CaseResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The argv as run (placeholders filled), for failure messages. */
  readonly argv: readonly string[];
}

const NEEDS_STATE = ['apply', 'plan', 'facts'];
// Generous: a loaded machine (parallel suites) slows the type check of a fixture playbook a lot.
const CASE_TIMEOUT_MS = 300_000;

/** Prepares the case dir under work/cases/<n>, runs `node src/cli/bin.js ARGS`, collects exit and output. */
export async function runCase(c: BadInputCase, index: number, o: { work: string; port: number; cacheDir: string }) {
  const caseDir = join(o.work, 'cases', String(index));
  const state = join(caseDir, 'state');
  mkdirSync(join(caseDir, 'home'), { recursive: true });
  // A warm type-check cache: identical playbooks are not checked again (the verdict is keyed by file hashes).
  mkdirSync(state, { recursive: true, mode: 0o700 });
  if (existsSync(o.cacheDir)) cpSync(o.cacheDir, join(state, 'cache'), { recursive: true });
  const p: Placeholders = { work: o.work, port: o.port, case: caseDir, state };
  writeCaseFiles(caseDir, c.files ?? {}, p);
  for (const [rel, mode] of Object.entries(c.modes ?? {})) chmodSync(join(caseDir, rel), parseInt(mode, 8));
  const args = c.args.map((a) => fill(a, p));
  if (NEEDS_STATE.includes(args[0] ?? '') && !c.ownStateDir && !args.includes('--state-dir'))
    args.push('--state-dir', state);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(caseDir, 'home'), NO_COLOR: '1' };
  delete env['ORCHESTRATE_INVENTORY'];
  for (const [k, v] of Object.entries(c.env ?? {})) env[k] = fill(v, p);
  const result = await spawnCli(args, o.work, env);
  shareTypecheckVerdicts(join(state, 'cache'), o.cacheDir);
  return result;
}

/** New type-check verdicts go back to the shared cache, so the next run (and later cases) skip the check. */
function shareTypecheckVerdicts(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from))
    if (/^typecheck-[0-9a-f]+\.json$/.test(name) && !existsSync(join(to, name)))
      copyFileSync(join(from, name), join(to, name));
}

function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, 'src/cli/bin.js'), ...args], { cwd, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, argv: args });
    });
  });
}
