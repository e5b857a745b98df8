// --tags and --skip-tags must name a tag of the playbook, before any connection.

import { OrchestrateError } from '../errors.ts';
import type { Playbook } from '../executor/types.ts';
import { didYouMean } from '../inventory/suggest.ts';

/** Tags with a meaning of their own (Ansible's): never "unknown". */
const SPECIAL_TAGS = ['all', 'always', 'never', 'tagged', 'untagged'];

export interface TagSelection {
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
}

/** Throws OPTIONS_INVALID for a tag no role or task of the playbook has. */
export function checkTags(book: Playbook, bookPath: string, sel: TagSelection): void {
  const roles = book.plays.flatMap((p) => p.roles);
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
