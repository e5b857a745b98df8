// One apply script per host per role: the steps of every changed task, then the handlers, in order.

import type { Step, WriteStep } from '../modules/types.ts';
import { sh, quote } from '../shell/quote.ts';
import { stdinSafe } from './stdin-safe.ts';
import { markerShell, splitMarked } from './markers.ts';
import { DEFAULT_HOST_PATHS, stageDir, type HostPaths } from './host-paths.ts';
import { recordShaShell } from '../modules/lib/sha-stamp.ts';

export interface ApplyUnit {
  readonly key: string; // 't3' task, 'h1' handler
  readonly steps: readonly Step[];
  /** Pending-handler files to record before the first step (the durable journal). */
  readonly recordPending: readonly { file: string; handler: string }[];
  /** Pending file to clear after this unit succeeded (handlers). */
  readonly clearPending: string | undefined;
}

export interface StagedWrite {
  readonly step: WriteStep;
  /** Absolute path on the host where the upload lands before it is moved into place. */
  readonly stagedPath: string;
}

/** Assigns every write step a staging path, in script order. */
export function stageWrites(
  units: readonly ApplyUnit[],
  runId: string,
  paths: HostPaths = DEFAULT_HOST_PATHS,
): Map<WriteStep, StagedWrite> {
  const out = new Map<WriteStep, StagedWrite>();
  let n = 0;
  for (const u of units)
    for (const step of u.steps)
      if (step.kind === 'write') out.set(step, { step, stagedPath: `${stageDir(runId, paths)}/${n++}` });
  return out;
}

/** Shell that moves a staged upload into place atomically: temp in the target dir, fsync, rename. */
function installShell(s: StagedWrite): string {
  const { step, stagedPath } = s;
  const dir = step.path.replace(/\/[^/]*$/, '') || '/';
  const base = step.path.slice(dir.length + 1);
  const tmp = `${dir === '/' ? '' : dir}/.${base}.orchestrate-tmp`;
  const lines: string[] = [];
  if ('sha256' in step.source)
    lines.push(sh`printf '%s  %s\n' ${step.source.sha256} ${stagedPath} | sha256sum -c --quiet -`);
  const prepare = [sh`cp ${stagedPath} ${tmp}`, sh`chmod ${step.mode} ${tmp}`];
  if (step.owner || step.group)
    prepare.push(sh`chown ${`${step.owner ?? ''}${step.group ? `:${step.group}` : ''}`} ${tmp}`);
  prepare.push(sh`sync ${tmp}`);
  // Stopped while the temp exists (the watchdog's TERM to the group when the run is killed, or a write
  // to the dead connection's stdout): remove it.
  lines.push(sh`trap ${`rm -f ${quote(tmp)}; exit 143`} TERM HUP INT PIPE`);
  // The copy runs in the background and the shell waits for it: `wait` gives way to the trap at once,
  // whereas a foreground cp or fsync stuck seconds in the kernel would hold the trap until the KILL.
  // A temp file that could not be finished (a full disk, say) is removed, and the error names the target.
  lines.push(
    `( __err=$( { ${prepare.join(' && ')}; } 2>&1 ) || { __rc=$?; rm -f ${quote(tmp)}; ${writeFailedShell(step.path, dir)}; exit "$__rc"; } ) &`,
    'wait "$!"',
    sh`mv -f ${tmp} ${step.path}`,
    'trap - TERM HUP INT PIPE',
    sh`sync ${dir} 2>/dev/null || true`,
  );
  // What was verified above is now in place: remember its sha256 for the next probe.
  if ('sha256' in step.source) lines.push(recordShaShell(step.path, step.source.sha256));
  return lines.join('\n');
}

/** Prints why a file could not be written (ENOSPC spelled out) after the tool's own message. */
function writeFailedShell(path: string, dir: string): string {
  const full = `cannot write ${path}: ENOSPC, no space left on device in ${dir}; the old file is unchanged (free space there, then re-run)`;
  const other = `cannot write ${path}; the old file is unchanged`;
  return sh`printf '%s\n' "$__err"; case $__err in *'No space left on device'*) printf '%s\n' ${full} ;; *) printf '%s\n' ${other} ;; esac`;
}

/** Builds the apply script; each unit runs in a `set -e` subshell and reports done/failed. */
export function buildApplyScript(
  units: readonly ApplyUnit[],
  staged: Map<WriteStep, StagedWrite>,
  runId: string,
  paths: HostPaths = DEFAULT_HOST_PATHS,
): string {
  const parts = ['umask 022', sh`trap ${`rm -rf ${quote(stageDir(runId, paths))}`} EXIT`];
  for (const u of units) {
    const body: string[] = ['set -e'];
    if (u.recordPending.length > 0) body.push(sh`mkdir -p -m 0700 ${paths.pending}`);
    for (const p of u.recordPending) body.push(sh`printf '%s\n' ${p.handler} > ${p.file}`, sh`sync ${p.file}`);
    for (const step of u.steps) body.push(step.kind === 'run' ? step.script : installShell(staged.get(step)!));
    if (u.clearPending) body.push(sh`rm -f ${u.clearPending}`);
    parts.push(
      markerShell('unit', u.key),
      `(\n${body.join('\n')}\n) 2>&1`,
      '__rc=$?',
      `if [ "$__rc" -ne 0 ]; then ${markerShell('failed', u.key, '$__rc')}; exit "$__rc"; fi`,
      markerShell('done', u.key),
    );
  }
  parts.push(markerShell('end', 'apply'), 'exit 0');
  return stdinSafe(parts);
}

export type UnitOutcome =
  | { readonly status: 'done'; readonly output: string }
  | { readonly status: 'failed'; readonly code: number; readonly output: string }
  | { readonly status: 'not-run' };

/** Reads back which units finished, which failed (with their output) and which never ran. */
export function parseApplyOutput(stdout: string, keys: readonly string[]): Map<string, UnitOutcome> {
  const { sections } = splitMarked(stdout);
  const out = new Map<string, UnitOutcome>(keys.map((k) => [k, { status: 'not-run' } as UnitOutcome]));
  const bodies = new Map<string, string>();
  for (const s of sections) {
    if (s.kind === 'unit') bodies.set(s.id, s.body);
    else if (s.kind === 'done') out.set(s.id, { status: 'done', output: bodies.get(s.id) ?? '' });
    else if (s.kind === 'failed')
      out.set(s.id, { status: 'failed', code: Number(s.extra) || 1, output: bodies.get(s.id) ?? '' });
  }
  return out;
}
