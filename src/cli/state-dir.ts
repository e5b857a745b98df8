// The state dir (.orchestrate/ beside the inventory unless --state-dir): created 0700, refused when open.

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OrchestrateError } from '../errors.ts';

/** Resolves, creates (0700) and checks the state dir; refuses one readable by group or others. */
export function ensureStateDir(explicit: string | undefined, inventoryPath: string): string {
  const dir = resolve(explicit ?? join(dirname(resolve(inventoryPath)), '.orchestrate'));
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new OrchestrateError('STATE_DIR_INVALID', `state dir ${dir} is not a directory`, {
      fix: `pass --state-dir with a directory (it holds the PKI, secrets and caches), or move ${dir} away`,
    });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (!st.isDirectory()) throw new Error('not a directory');
    if ((st.mode & 0o077) !== 0)
      throw new OrchestrateError(
        'STATE_DIR_INVALID',
        `state dir ${dir} is accessible by group or others (mode ${(st.mode & 0o777).toString(8)})`,
        {
          fix: `chmod 700 ${dir} (it holds private keys and secrets)`,
        },
      );
  } catch (err) {
    if (err instanceof OrchestrateError) throw err;
    throw new OrchestrateError('STATE_DIR_INVALID', `state dir ${dir} cannot be used: ${(err as Error).message}`, {
      fix: 'pass --state-dir DIR with a directory you can write, or fix its permissions',
      cause: err,
    });
  }
  return dir;
}
