// Test harness: runs a module's probe for real with local sh, and applies its steps with the executor's
// own apply script (stageWrites, buildApplyScript), the engine's host state in a temp dir.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Action, PlanContext, Step } from '../../../src/modules/types.ts';
import { contentBytes } from '../../../src/modules/lib/content.ts';
import { stampFile } from '../../../src/modules/lib/sha-stamp.ts';
import { buildProbesScript, parseProbesOutput } from '../../../src/executor/probe-script.ts';
import { buildApplyScript, parseApplyOutput, stageWrites, type ApplyUnit } from '../../../src/executor/apply-script.ts';
import { hostPaths, prepareStageShell, type HostPaths } from '../../../src/executor/host-paths.ts';
import { localShell, localUpload } from '../../support/remote-host.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { CHECK } from '../../unit/modules/plan.ts';

export { CHECK, DIFF, summaries } from '../../unit/modules/plan.ts';

const RUN_ID = 'module-test';
let host: HostPaths | undefined;
/** The engine's state dir on "the host" (this machine) for these tests: a temp dir, made once. */
const hostState = (): HostPaths => (host ??= hostPaths(tempDir('orchestrate-host-')));

// A pinned write leaves the sha256 record modules read (/var/lib/orchestrate/sums, not a host path of
// the run): the records of this process's temp files go when it exits.
const stamps = new Set<string>();
process.once('exit', () => stamps.forEach((f) => rmSync(f, { force: true })));

/** Runs the probe with /bin/sh inside the executor's own probe script (shared reads included); its output. */
export function probeLocally<P, S>(a: Action<P, S>, ctx: PlanContext = CHECK): string {
  return runProbe(a.module.probe(a.params, ctx));
}

/** Runs probe text as the executor does (its shared reads first, their shares appended); its output. */
export function runProbe(probe: string): string {
  const roles = [{ role: 'test', items: [{ key: 't0', probe }] }];
  const stdout = execFileSync('sh', ['-s'], {
    input: buildProbesScript(roles, '', hostState().pending),
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

/**
 * Applies steps as the executor does: uploads staged, then ONE apply script under sh (run steps under
 * `set -e`, writes checked, moved into place atomically); throws with the unit's output when it fails.
 */
export function applyLocally(steps: readonly Step[]): void {
  const paths = hostState();
  const units: ApplyUnit[] = [{ key: 't0', steps, recordPending: [], clearPending: undefined }];
  const staged = stageWrites(units, RUN_ID, paths);
  const prepared = localShell(prepareStageShell(RUN_ID, userInfo().username, paths));
  if (prepared.code !== 0) throw new Error(`cannot prepare the stage dir: ${prepared.stderr}`);
  for (const { step, stagedPath } of staged.values()) {
    if ('sha256' in step.source) stamps.add(stampFile(step.path));
    localUpload(
      stagedPath,
      'file' in step.source ? { file: step.source.file } : { content: contentBytes(step.source.content) },
    );
  }
  const applied = localShell(buildApplyScript(units, staged, RUN_ID, paths));
  const outcome = parseApplyOutput(applied.stdout, ['t0']).get('t0')!;
  if (outcome.status !== 'done' || applied.code !== 0)
    throw new Error(
      `apply failed (exit ${applied.code}): ${outcome.status === 'failed' ? outcome.output : applied.stdout}${applied.stderr}`,
    );
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

/** The running user is root (chown to other users only works then). */
export const IS_ROOT = process.getuid?.() === 0;
