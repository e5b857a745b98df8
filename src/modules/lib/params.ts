// Checks on module params, run when an action is built, so a bad task fails before any connection.

import { OrchestrateError } from '../../errors.ts';

/** A task param that can never work: a playbook error (exit 4), raised while building the action. */
export function badParam(
  moduleId: string,
  what: string,
  opts: { fix?: string; cause?: unknown } = {},
): OrchestrateError {
  return new OrchestrateError('PLAYBOOK_INVALID', `${moduleId}: ${what}`, opts);
}

/** Remote paths are absolute and plain: no '..', no trailing slash, no newline (probes print per line). */
export function checkPath(moduleId: string, path: string): string {
  const plain = path.startsWith('/') && !/\n|\/\.\.?(\/|$)|\/\/|.\/$/.test(path);
  if (!plain) throw badParam(moduleId, `path ${JSON.stringify(path)} must be absolute and normalized`);
  return path;
}

/** Octal modes as 4 digits ('644' -> '0644') so probe output and params compare as strings. */
export function normalizeMode(moduleId: string, mode: string | number): string {
  const text = typeof mode === 'number' ? mode.toString(8) : mode;
  if (!/^[0-7]{3,4}$/.test(text)) throw badParam(moduleId, `mode ${JSON.stringify(mode)} must be octal like '0644'`);
  return text.padStart(4, '0');
}

/** The parent directory of an absolute path ('/' for top-level entries). */
export function parentDir(path: string): string {
  return path.replace(/\/[^/]*$/, '') || '/';
}

/** A name used as a single path component or unit/module name: no slash, no whitespace. */
export function checkName(moduleId: string, what: string, name: string, pattern: RegExp): string {
  if (!pattern.test(name)) throw badParam(moduleId, `${what} ${JSON.stringify(name)} is not valid (${pattern})`);
  return name;
}

/** The first line of every file the engine generates from scratch, so operators know not to edit it. */
export const MANAGED_HEADER = '# Managed by orchestrate: local edits are overwritten.';
