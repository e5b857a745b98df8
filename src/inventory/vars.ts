// Vars precedence: which layer's value a host sees for each key, and where it came from.

/*
 * Precedence, lowest first; a later layer replaces a key set by an earlier one:
 *   1. all.vars
 *   2. the vars of every group the host belongs to (directly or through children), ordered by
 *      (depth, ansible_group_priority, name): a parent group before its children, so the more
 *      specific group wins; among groups of the same depth the higher ansible_group_priority
 *      (default 1) wins, and at equal priority the alphabetically later name wins.
 *      Depth is the longest path from `all` (all = 0, a group directly under all = 1).
 *   3. host vars (every place the host is written; those must agree, see build.ts)
 *   4. extra vars (-e), in the order given on the command line
 * These are Ansible's semantics. The merge is shallow, per top-level key: a map set at two levels
 * is replaced whole, never deep-merged (Ansible's default hash_behaviour=replace).
 * Connection settings (ansible_host, ansible_user, ...) are read from the merged result, so a
 * group can set ansible_user for its hosts and -e can override it for a run.
 */

/** One source of vars, with the place named in messages (e.g. `all.children.web.vars (line 7)`). */
export interface VarLayer {
  readonly origin: string;
  readonly vars: Readonly<Record<string, unknown>>;
}

/** The merged vars and, per key, the origin of the value that won. */
export interface MergedVars {
  readonly vars: Record<string, unknown>;
  readonly origins: Record<string, string>;
}

/** A group as far as ordering is concerned. */
export interface RankedGroup {
  readonly name: string;
  readonly depth: number;
  readonly priority: number;
}

/** Ansible's priority when a group does not set ansible_group_priority. */
export const DEFAULT_GROUP_PRIORITY = 1;

/** Merges layers lowest-precedence first; a later layer wins per key (shallow). */
export function mergeVarLayers(layers: readonly VarLayer[]): MergedVars {
  const vars: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  for (const layer of layers)
    for (const [key, value] of Object.entries(layer.vars)) {
      vars[key] = value;
      origins[key] = layer.origin;
    }
  return { vars, origins };
}

/** Groups in merge order (lowest precedence first): by depth, then priority, then name. */
export function groupMergeOrder<G extends RankedGroup>(groups: readonly G[]): G[] {
  return [...groups].sort((a, b) => a.depth - b.depth || a.priority - b.priority || compareNames(a.name, b.name));
}

/** Byte order, not locale order: the same on every machine. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
