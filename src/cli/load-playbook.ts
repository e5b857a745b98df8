// Loads a playbook module (after its type check) and checks that it is a playbook.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Playbook } from '../executor/types.ts';
import { OrchestrateError } from '../errors.ts';
import { importModule } from '../loader/compile-cache.js';

/** Imports the playbook's default export; PLAYBOOK_INVALID when missing or of the wrong shape. */
export async function loadPlaybook(path: string): Promise<Playbook> {
  const abs = resolve(path);
  if (!existsSync(abs))
    throw new OrchestrateError('PLAYBOOK_INVALID', `playbook ${path} does not exist`, {
      fix: 'pass the path of a playbook, e.g. playbooks/demo.ts',
    });
  let mod: { default?: unknown };
  try {
    mod = (await importModule(abs)) as { default?: unknown };
  } catch (err) {
    throw new OrchestrateError('PLAYBOOK_INVALID', `playbook ${path} failed to load: ${(err as Error).message}`, {
      fix: 'fix the error above in the playbook or a role it imports',
      cause: err,
    });
  }
  if (mod.default === undefined)
    throw new OrchestrateError('PLAYBOOK_INVALID', `playbook ${path} has no default export`, {
      fix: 'end the file with: export default definePlaybook({ name, plays: [...] })',
    });
  const book = mod.default as Playbook | undefined;
  if (!book || typeof book !== 'object' || !Array.isArray(book.plays))
    throw new OrchestrateError(
      'PLAYBOOK_INVALID',
      `playbook ${path}: the default export is not a playbook made by definePlaybook() (no plays list)`,
      {
        fix: 'end the file with: export default definePlaybook({ name, plays: [...] })',
      },
    );
  return book;
}
