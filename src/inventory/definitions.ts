// Folds the places where a host or group is written into one definition each, refusing conflicts.

import { isDeepStrictEqual } from 'node:util';
import { inventoryInvalid, show } from './invalid.ts';
import type { RawInventory } from './raw.ts';

/** A host, once: its own vars and the place first written (Map order = inventory order). */
export interface HostEntry {
  readonly name: string;
  readonly vars: Record<string, unknown>;
  readonly place: string;
}

/** A group, once: members and children in first-seen order, vars from every definition. */
export interface GroupEntry {
  readonly name: string;
  readonly hosts: string[];
  readonly children: string[];
  readonly vars: Record<string, unknown>;
  /** Place of the first real definition, else of the first mention. */
  place: string;
  /** False when the group is only ever named as a child and never defined. */
  defined: boolean;
}

/** Host and group names must be usable in patterns: no separators, globs or spaces. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Hosts: one entry per name; two places giving one var different values is an error. */
export function foldHosts(raw: RawInventory): Map<string, HostEntry> {
  const hosts = new Map<string, HostEntry>();
  for (const def of raw.hosts) {
    checkName(raw.source, def.place, 'host', def.name);
    const seen = hosts.get(def.name);
    if (!seen) {
      hosts.set(def.name, { name: def.name, vars: { ...def.vars }, place: def.place });
      continue;
    }
    for (const [key, value] of Object.entries(def.vars)) {
      if (key in seen.vars && !isDeepStrictEqual(seen.vars[key], value))
        throw inventoryInvalid(
          raw.source,
          def.place,
          `host ${def.name} is also defined at ${seen.place} with a different ${key} (${show(seen.vars[key])} there, ${show(value)} here)`,
          `define the host's vars in one place and list it by name only (${def.name}:) in the other groups`,
        );
      seen.vars[key] = value;
    }
  }
  return hosts;
}

/** Groups: one entry per name; definitions under several parents are merged, conflicting vars refused. */
export function foldGroups(raw: RawInventory, hosts: ReadonlyMap<string, HostEntry>): Map<string, GroupEntry> {
  const groups = new Map<string, GroupEntry>();
  for (const def of raw.groups) {
    checkName(raw.source, def.place, 'group', def.name);
    if (def.name === 'all')
      throw inventoryInvalid(
        raw.source,
        def.place,
        "'all' is the root group and cannot be a child",
        "put all's hosts under all.hosts and its vars under all.vars",
      );
    const host = hosts.get(def.name);
    if (host)
      throw inventoryInvalid(
        raw.source,
        def.place,
        `${def.name} is both a group and a host (host at ${host.place})`,
        'rename one of them: host and group names share one namespace in patterns',
      );
    let entry = groups.get(def.name);
    if (!entry) {
      entry = { name: def.name, hosts: [], children: [], vars: {}, place: def.place, defined: false };
      groups.set(def.name, entry);
    }
    if (!def.referenceOnly && !entry.defined) {
      entry.defined = true;
      entry.place = def.place;
    }
    entry.hosts.push(...def.hosts);
    entry.children.push(...def.children);
    for (const [key, value] of Object.entries(def.vars)) {
      if (key in entry.vars && !isDeepStrictEqual(entry.vars[key], value))
        throw inventoryInvalid(
          raw.source,
          def.place,
          `group ${def.name} is also defined at ${entry.place} with a different ${key}`,
          `set the group's vars in one place`,
        );
      entry.vars[key] = value;
    }
  }
  // A group written under two parents may list a member twice: keep the first mention only.
  for (const g of groups.values()) {
    g.hosts.splice(0, g.hosts.length, ...new Set(g.hosts));
    g.children.splice(0, g.children.length, ...new Set(g.children));
  }
  return groups;
}

function checkName(source: string, place: string, kind: 'host' | 'group', name: string): void {
  if (!NAME.test(name))
    throw inventoryInvalid(
      source,
      place,
      `${kind} name ${show(name)} is not a plain name`,
      kind === 'host'
        ? 'use letters, digits, _ . - for the name and put the address in ansible_host (address:)'
        : 'use letters, digits, _ . - for group names',
    );
}
