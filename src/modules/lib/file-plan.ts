// The planner behind file, copy, template, artifact, systemd.unit, sysctl, kernel.module and route.

import type { PlanContext, Step, WriteStep } from '../types.ts';
import { sh } from '../../shell/quote.ts';
import type { FileStat } from './stat.ts';
import type { DiffSide } from './diff.ts';
import { fileDiff } from './diff.ts';
import { parentDir } from './params.ts';
import type { Content } from './content.ts';
import { sha256Hex } from './content.ts';
import { PlanConflict, attributeSteps, runStep } from './steps.ts';

/** A regular file as it should be; `sha256` is of the source, computed on the control machine. */
export interface DesiredFile {
  readonly path: string;
  readonly source: WriteStep['source'];
  readonly sha256: string;
  readonly mode: string;
  readonly owner: string | undefined;
  readonly group: string | undefined;
}

/** Steps to make path this file: mkdir of a missing parent, a write when the sha256 differs, else chmod/chown. */
export function planFile(want: DesiredFile, have: FileStat, ctx: PlanContext): Step[] {
  if (have.type === 'directory' || have.type === 'other')
    throw new PlanConflict(
      `${want.path} is a ${have.type === 'other' ? 'special file' : 'directory'}; refusing to replace it with a file`,
    );
  const steps: Step[] = [];
  if (!have.parentExists) steps.push(runStep(`mkdir -p ${parentDir(want.path)}`, sh`mkdir -p ${parentDir(want.path)}`));
  if (have.type === 'file' && have.sha256 === want.sha256) return [...steps, ...attributeSteps(want.path, want, have)];
  const what = have.type === 'absent' ? 'create' : have.type === 'link' ? 'replace symlink' : 'update';
  steps.push({
    kind: 'write',
    summary: `${what} ${want.path}`,
    path: want.path,
    source: want.source,
    mode: want.mode,
    owner: want.owner,
    group: want.group,
    diff: ctx.diff ? fileDiff(want.path, beforeSide(have), afterSide(want)) : undefined,
  });
  return steps;
}

/** Steps to make path absent: `rm -f` of a file or symlink, nothing when already gone. */
export function planRemoved(path: string, have: FileStat): Step[] {
  if (have.type === 'absent') return [];
  if (have.type === 'directory')
    throw new PlanConflict(`${path} is a directory; the directory module removes directories`);
  return [runStep(`remove ${path}`, sh`rm -f ${path}`)];
}

/** The host's side of a diff: its bytes when fetched, else a note of why not. */
function beforeSide(have: FileStat): DiffSide {
  if (have.type === 'absent') return null;
  if (have.type === 'link') return { notShown: 'a symlink, replaced by a regular file' };
  return (
    have.content ?? { notShown: `${have.size ?? '?'} bytes, not fetched (sha256 ${have.sha256?.slice(0, 12) ?? '?'}…)` }
  );
}

/** The desired side: content as given (a Secret stays a Secret), or a note for an uploaded local file. */
function afterSide(want: DesiredFile): DiffSide {
  if ('content' in want.source) return want.source.content;
  return { notShown: `local file ${want.source.file} (sha256 ${want.sha256.slice(0, 12)}…)` };
}

/** planFile for a file the engine generates whole (root-owned, 0644 unless said otherwise). */
export function planGenerated(path: string, content: Content, have: FileStat, ctx: PlanContext, mode = '0644'): Step[] {
  return planFile(
    { path, source: { content }, sha256: sha256Hex(content), mode, owner: undefined, group: undefined },
    have,
    ctx,
  );
}
