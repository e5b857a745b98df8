// Test harness: runs a module's probe for real with local sh, and applies steps the way the executor does.

import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action, PlanContext, Step } from '../../../src/modules/types.ts';
import { contentBytes } from '../../../src/modules/lib/content.ts';
import { buildProbesScript, parseProbesOutput } from '../../../src/executor/probe-script.ts';

export const CHECK: PlanContext = { facts: undefined, diff: false };
export const DIFF: PlanContext = { facts: undefined, diff: true };

/** Runs the probe with /bin/sh inside the executor's own probe script (shared reads included); its output. */
export function probeLocally<P, S>(a: Action<P, S>, ctx: PlanContext = CHECK): string {
  return runProbe(a.module.probe(a.params, ctx));
}

/** Runs probe text as the executor does (its shared reads first, their shares appended); its output. */
export function runProbe(probe: string): string {
  const roles = [{ role: 'test', items: [{ key: 't0', probe }] }];
  const stdout = execFileSync('sh', ['-s'], {
    input: buildProbesScript(roles),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return parseProbesOutput('local', stdout, roles)[0]!.byKey.get('t0')!;
}

/** Probe for real, then parse and plan. */
export function planLocally<P, S>(
  a: Action<P, S>,
  ctx: PlanContext = CHECK,
): { stdout: string; state: S; steps: Step[] } {
  const stdout = probeLocally(a, ctx);
  const state = a.module.parse(stdout, a.params);
  return { stdout, state, steps: a.module.plan(a.params, state, ctx) };
}

/** Applies steps like the executor: run steps under `set -e`, writes via temp file + chmod/chown + rename. */
export function applyLocally(steps: readonly Step[]): void {
  for (const step of steps) {
    if (step.kind === 'run') {
      execFileSync('sh', ['-ec', step.script], { stdio: ['ignore', 'pipe', 'pipe'] });
      continue;
    }
    const tmp = join(step.path, '..', `.${step.path.split('/').pop()}.orchestrate-tmp`);
    if ('file' in step.source) copyFileSync(step.source.file, tmp);
    else writeFileSync(tmp, contentBytes(step.source.content));
    chmodSync(tmp, parseInt(step.mode, 8));
    if (step.owner !== undefined || step.group !== undefined)
      chownSync(tmp, Number(step.owner ?? process.getuid?.() ?? 0), Number(step.group ?? process.getgid?.() ?? 0));
    renameSync(tmp, step.path);
  }
}

/** A fresh temp dir per test; remove() cleans up. */
export function tempDir(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'orchestrate-modules-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Whether this machine has a command (live probe tests of system tools skip without it). */
export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A step list as short strings, for readable assertions. */
export function summaries(steps: readonly Step[]): string[] {
  return steps.map((s) => (s.kind === 'run' ? `run: ${s.script}` : `write: ${s.path} ${s.mode}`));
}

/** The running user is root (chown to other users only works then). */
export const IS_ROOT = process.getuid?.() === 0;
