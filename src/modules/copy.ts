// copy: a small local file (config, script) placed on the host; for big binaries use artifact.

import { readFileSync } from 'node:fs';
import type { Action } from './types.ts';
import { action } from './types.ts';
import type { FileParams, FileState } from './file.ts';
import { fileLikeModule, fileParams } from './file.ts';
import { badParam } from './lib/params.ts';

export interface CopyInput {
  /** Local path on the control machine, read once when the action is built. */
  readonly src: string;
  readonly dest: string;
  /** Default '0644'. */
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

/** The file planner; the content was read from src when the action was built, so it stays pure. */
export const copyModule = fileLikeModule('copy');

/** A copy task: reads src now (the only I/O, on the control machine), then behaves as file. */
export function copy(p: CopyInput): Action<FileParams, FileState> {
  let content: Buffer;
  try {
    content = readFileSync(p.src);
  } catch (err) {
    throw badParam('copy', `cannot read local file ${p.src}: ${(err as Error).message}`, {
      fix: 'check the src path (relative paths resolve from the current directory)',
      cause: err,
    });
  }
  return action(
    copyModule,
    fileParams('copy', { path: p.dest, content, mode: p.mode, owner: p.owner, group: p.group }),
  );
}
