// What the playbook and the flags name must exist: each play's hosts, --role, --tags, --skip-tags; before any connection.

import { isOrchestrateError, OrchestrateError } from '../errors.ts';
import type { Playbook } from '../executor/types.ts';
import { didYouMean } from '../inventory/suggest.ts';
import type { Inventory } from '../inventory/types.ts';

/** Tags with a meaning of their own (Ansible's): never "unknown". */
const SPECIAL_TAGS = ['all', 'always', 'never', 'tagged', 'untagged'];

export interface RunSelection {
  readonly roles: readonly string[] | undefined;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
}

/** Throws PLAYBOOK_INVALID for a play whose hosts pattern selects nothing known, OPTIONS_INVALID for an unknown role or tag. */
export function checkPlaybookRefs(book: Playbook, bookPath: string, inv: Inventory, sel: RunSelection): void {
  for (const play of book.plays) checkPlayHosts(play.name, play.hosts, bookPath, inv);
  const roles = book.plays.flatMap((p) => p.roles);
  const roleNames = [...new Set(roles.map((r) => r.name))];
  for (const name of sel.roles ?? [])
    if (!roleNames.includes(name))
      throw new OrchestrateError(
        'OPTIONS_INVALID',
        `--role ${name}: playbook ${bookPath} has no role ${name}${didYouMean(name, roleNames)}`,
        {
          fix: `use one of: ${roleNames.join(', ')}`,
        },
      );
  // Task tags are known only when every role declares them (its tasks are computed from facts).
  if (roles.some((r) => r.taskTags === undefined)) return;
  const tags = [...new Set(roles.flatMap((r) => [...r.tags, ...(r.taskTags ?? [])]))].sort();
  for (const [flag, list] of [
    ['--tags', sel.tags],
    ['--skip-tags', sel.skipTags],
  ] as const)
    for (const tag of list)
      if (!tags.includes(tag) && !SPECIAL_TAGS.includes(tag))
        throw new OrchestrateError(
          'OPTIONS_INVALID',
          `${flag} ${tag}: no role or task of playbook ${bookPath} is tagged ${tag}${didYouMean(tag, tags)}`,
          { fix: `use one of the playbook's tags: ${tags.join(', ')} (or all, always, never)` },
        );
}

function checkPlayHosts(name: string, hosts: string, bookPath: string, inv: Inventory): void {
  const where = `${bookPath}: play ${JSON.stringify(name)}`;
  if (hosts.trim() === '')
    throw new OrchestrateError('PLAYBOOK_INVALID', `${where}: hosts is empty`, {
      fix: `set the play's hosts to a group or pattern of ${inv.source}, e.g. hosts: 'all'`,
    });
  try {
    inv.select(hosts);
  } catch (err) {
    if (!isOrchestrateError(err, 'PATTERN_INVALID')) throw err;
    throw new OrchestrateError('PLAYBOOK_INVALID', `${where}: hosts: ${err.message} in inventory ${inv.source}`, {
      fix: `add the group to the inventory, or change the play's hosts (${err.fix ?? 'fix the pattern'})`,
      cause: err,
    });
  }
}
