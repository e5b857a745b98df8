// template: a file rendered on the control machine by a typed TS function of its vars.

import type { Action } from './types.ts';
import { action } from './types.ts';
import { Secret } from '../secret.ts';
import type { FileParams, FileState } from './file.ts';
import { fileLikeModule, fileParams } from './file.ts';
import { badParam } from './lib/params.ts';

export interface TemplateInput<V> {
  readonly path: string;
  /** Pure: vars in, file text out (call .reveal() on Secret vars; their `${}` prints a mask). */
  readonly render: (vars: V) => string | Secret;
  readonly vars: V;
  /** Default '0644'. */
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

/** Whether vars hold a Secret anywhere (plain objects and arrays, a few levels deep). */
export function containsSecret(value: unknown, depth = 6): boolean {
  if (value instanceof Secret) return true;
  if (depth === 0 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.values(value).some((v) => containsSecret(v, depth - 1));
}

/** The file planner; rendering happens when the action is built, so plans stay pure. */
export const templateModule = fileLikeModule('template');

/** A template task: renders now; a file rendered from Secret vars is diffed fully masked. */
export function template<V>(p: TemplateInput<V>): Action<FileParams, FileState> {
  let content: string | Secret;
  try {
    content = p.render(p.vars);
  } catch (err) {
    throw badParam('template', `rendering ${p.path} failed: ${(err as Error).message}`, { cause: err });
  }
  // Text rendered from secret vars is a secret: its diff (and the host's old copy) stay masked.
  if (typeof content === 'string' && containsSecret(p.vars)) content = new Secret(content);
  return action(
    templateModule,
    fileParams('template', { path: p.path, content, mode: p.mode, owner: p.owner, group: p.group }),
  );
}
