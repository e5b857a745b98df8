// The group tree: children must exist, no cycles; depth and ancestors for vars precedence.

import type { GroupEntry } from './definitions.ts';
import { inventoryInvalid } from './invalid.ts';
import { didYouMean } from './suggest.ts';

/** Parents, depth (longest path from all: a top group is 1) and ancestors of every group. */
export interface GroupGraph {
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly depth: ReadonlyMap<string, number>;
  readonly ancestors: ReadonlyMap<string, ReadonlySet<string>>;
  /** Groups that are nobody's child: the children of `all`, in inventory order. */
  readonly top: readonly string[];
}

/** Checks the children references and computes the graph; INVENTORY_INVALID names the group and the fix. */
export function analyzeGroups(source: string, groups: ReadonlyMap<string, GroupEntry>): GroupGraph {
  const parents = new Map<string, string[]>([...groups.keys()].map((g) => [g, []]));
  for (const g of groups.values()) {
    for (const child of g.children) {
      if (child === 'all')
        throw inventoryInvalid(
          source,
          g.place,
          `group ${g.name} lists 'all' as a child`,
          "remove it: every group is already below 'all'",
        );
      const known = groups.get(child);
      if (!known || !known.defined)
        throw inventoryInvalid(
          source,
          g.place,
          `child group ${child} of ${g.name} does not exist${didYouMean(
            child,
            [...groups.values()].filter((x) => x.defined).map((x) => x.name),
          )}`,
          `define group ${child} (in YAML: ${child}: {hosts: ...} under some children:) or remove it from ${g.name}'s children`,
        );
      parents.get(child)!.push(g.name);
    }
  }
  checkCycles(source, groups);
  const depth = new Map<string, number>();
  const depthOf = (name: string): number => {
    let d = depth.get(name);
    if (d === undefined) {
      d = Math.max(0, ...parents.get(name)!.map(depthOf)) + 1;
      depth.set(name, d);
    }
    return d;
  };
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (name: string): Set<string> => {
    let set = ancestors.get(name);
    if (!set) {
      set = new Set(parents.get(name)!.flatMap((p) => [p, ...ancestorsOf(p)]));
      ancestors.set(name, set);
    }
    return set;
  };
  for (const name of groups.keys()) {
    depthOf(name);
    ancestorsOf(name);
  }
  const top = [...groups.keys()].filter((g) => parents.get(g)!.length === 0);
  return { parents, depth, ancestors, top };
}

/** Depth-first search; a back edge is a cycle, reported as `a -> b -> a`. */
function checkCycles(source: string, groups: ReadonlyMap<string, GroupEntry>): void {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const child of groups.get(name)!.children) {
      if (state.get(child) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(child)), child].join(' -> ');
        throw inventoryInvalid(
          source,
          groups.get(name)!.place,
          `groups form a cycle: ${cycle}`,
          `remove ${child} from ${name}'s children (a group cannot contain itself)`,
        );
      }
      if (!state.has(child)) visit(child);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of groups.keys()) if (!state.has(name)) visit(name);
}
