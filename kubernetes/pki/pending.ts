// What a --check run of ensurePki would (re)issue, so the role plans show those files as changing.

import { resolve } from 'node:path';

const pending = new Map<string, ReadonlySet<string>>();

/** Records the state-dir files (relative paths) a check run would write; a real run records none. */
export function setPending(stateDir: string, files: Iterable<string>): void {
  pending.set(resolve(stateDir), new Set(files));
}

/** The pending files of a state dir (empty when ensurePki ran for real or not at all). */
export function pendingFiles(stateDir: string): ReadonlySet<string> {
  return pending.get(resolve(stateDir)) ?? new Set();
}
