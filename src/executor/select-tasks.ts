// Pure: which tasks run under --tags / --skip-tags and `when`, Ansible-style ('always', 'never').

import type { Task } from './types.ts';

/** Splits tasks into those that run and those skipped by `when: false`; tag-filtered ones vanish. */
export function selectTasks(
  tasks: readonly Task[],
  roleTags: readonly string[],
  only: readonly string[],
  skip: readonly string[],
): { run: Task[]; skipped: Task[] } {
  const run: Task[] = [];
  const skipped: Task[] = [];
  for (const t of tasks) {
    const tags = new Set([...roleTags, ...(t.tags ?? [])]);
    if (skip.some((s) => tags.has(s))) continue;
    const selected =
      only.length === 0 ? !tags.has('never') : tags.has('always') || only.some((s) => tags.has(s) || s === 'all');
    if (!selected) continue;
    (t.when === false ? skipped : run).push(t);
  }
  return { run, skipped };
}
