// file: a regular file with exact content, mode and ownership, or its absence.

import type { Action, Module } from './types.ts';
import { action } from './types.ts';
import { Secret } from '../secret.ts';
import type { Content } from './lib/content.ts';
import { sha256Hex } from './lib/content.ts';
import { parseFields } from './lib/fields.ts';
import { checkPath, normalizeMode } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planFile, planRemoved } from './lib/file-plan.ts';

export interface FileParams {
  readonly path: string;
  readonly state: 'present' | 'absent';
  readonly content: Content;
  readonly mode: string;
  readonly owner: string | undefined;
  readonly group: string | undefined;
}

export type FileInput =
  | {
      readonly path: string;
      readonly state?: 'present';
      /** A Secret is uploaded as is and shown masked in diffs. */
      readonly content: Content;
      /** Default '0644'. */
      readonly mode?: string | number;
      /** Default: unchanged (root for a new file). */
      readonly owner?: string;
      readonly group?: string;
    }
  | { readonly path: string; readonly state: 'absent' };

export type FileState = FileStat;

/** Old content is fetched for --diff only up to this size (bigger files are described, not shown). */
export const DIFF_MAX_BYTES = 64 * 1024;

/** The file planner under another id: template and copy are files whose content is built locally. */
export function fileLikeModule(id: string): Module<FileParams, FileState> {
  return {
    id,
    probe: (p, ctx) =>
      statProbe(p.path, {
        contentMax: ctx.diff && p.state === 'present' && !(p.content instanceof Secret) ? DIFF_MAX_BYTES : undefined,
      }),
    parse: (stdout) => parseStat(parseFields(id, stdout)),
    plan: (p, have, ctx) =>
      p.state === 'absent'
        ? planRemoved(p.path, have)
        : planFile({ ...p, source: { content: p.content }, sha256: sha256Hex(p.content) }, have, ctx),
  };
}

export const fileModule = fileLikeModule('file');

/** Validates and defaults file params (shared by template and copy). */
export function fileParams(id: string, p: FileInput): FileParams {
  const path = checkPath(id, p.path);
  if (p.state === 'absent')
    return { path, state: 'absent', content: '', mode: '0644', owner: undefined, group: undefined };
  return {
    path,
    state: 'present',
    content: p.content,
    mode: normalizeMode(id, p.mode ?? '0644'),
    owner: p.owner,
    group: p.group,
  };
}

/** A file task: written only when its sha256 differs, chmod/chown only when just those differ. */
export function file(p: FileInput): Action<FileParams, FileState> {
  return action(fileModule, fileParams('file', p));
}
