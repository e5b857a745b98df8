// Raw definitions -> a checked Inventory: groups resolved, vars merged, connection settings read.

import { homedir, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { connectionFor } from './connection.ts';
import { foldGroups, foldHosts } from './definitions.ts';
import type { GroupEntry } from './definitions.ts';
import { analyzeGroups } from './group-graph.ts';
import { inventoryInvalid, show } from './invalid.ts';
import { checkNotPerHost, inventorySettings } from './settings.ts';
import { selectHosts } from './pattern.ts';
import type { RawInventory } from './raw.ts';
import type { Group, Host, Inventory } from './types.ts';
import { DEFAULT_GROUP_PRIORITY, groupMergeOrder, mergeVarLayers } from './vars.ts';

export interface BuildOptions {
  /** Parsed -e vars (highest precedence). */
  readonly extraVars?: Readonly<Record<string, unknown>>;
  /** Base for `@file` patterns and for relative paths given with -e; default process.cwd(). */
  readonly cwd?: string;
  /** User when ansible_user is not set; default the current OS user, as ssh does. */
  readonly defaultUser?: string;
  /** For `~` in paths; default os.homedir(). */
  readonly homeDir?: string;
}

const EXTRA = 'extra vars (-e)';

/** Validates the raw inventory and builds the model; every problem is INVENTORY_INVALID naming file and place. */
export function buildInventory(raw: RawInventory, opts: BuildOptions = {}): Inventory {
  const { source } = raw;
  const extra = opts.extraVars ?? {};
  const cwd = opts.cwd ?? process.cwd();
  const homeDir = opts.homeDir ?? homedir();
  const file = resolve(cwd, source);
  const inventoryDir = dirname(file);
  const hostEntries = foldHosts(raw);
  const groupEntries = foldGroups(raw, hostEntries);
  const ungrouped = ensureUngrouped(groupEntries);
  const graph = analyzeGroups(source, groupEntries);
  checkNotPerHost(source, [...groupEntries.values(), ...hostEntries.values()]);

  const directGroups = new Map<string, string[]>([...hostEntries.keys()].map((h) => [h, []]));
  for (const g of groupEntries.values()) for (const h of g.hosts) directGroups.get(h)!.push(g.name);
  for (const [h, direct] of directGroups)
    if (direct.length === 0) {
      ungrouped.hosts.push(h);
      direct.push(ungrouped.name);
    }
  const ranked = new Map(
    [...groupEntries.values()].map((g) => [
      g.name,
      { name: g.name, depth: graph.depth.get(g.name)!, priority: priorityOf(source, g) },
    ]),
  );

  const ctx = {
    source,
    inventoryDir,
    cwd,
    homeDir,
    defaultUser: opts.defaultUser ?? currentUser(),
    extraOrigin: EXTRA,
  };
  const hosts = new Map<string, Host>();
  for (const entry of hostEntries.values()) {
    const member = new Set(directGroups.get(entry.name)!.flatMap((g) => [g, ...graph.ancestors.get(g)!]));
    const ordered = groupMergeOrder([...member].map((g) => ranked.get(g)!));
    const merged = mergeVarLayers([
      { origin: 'all.vars', vars: raw.vars },
      ...ordered.map((g) => ({
        origin: `group ${g.name} (${groupEntries.get(g.name)!.place})`,
        vars: groupEntries.get(g.name)!.vars,
      })),
      { origin: `host ${entry.name} (${entry.place})`, vars: entry.vars },
      { origin: EXTRA, vars: extra },
    ]);
    delete merged.vars['ansible_group_priority'];
    const conn = connectionFor(entry.name, merged, ctx);
    const host: Host = { name: entry.name, ...conn, groups: ['all', ...ordered.map((g) => g.name)], vars: merged.vars };
    // Not enumerable: where a var was written is for messages, not part of what the host is.
    Object.defineProperty(host, 'varOrigins', { value: merged.origins, enumerable: false });
    hosts.set(entry.name, host);
  }

  const groups = new Map<string, Group>([
    ['all', { name: 'all', hosts: [...hosts.keys()], children: graph.top, vars: raw.vars }],
  ]);
  for (const g of groupEntries.values())
    groups.set(g.name, { name: g.name, hosts: g.hosts, children: g.children, vars: g.vars });

  const inventory: Inventory = {
    source: file,
    hosts,
    groups,
    ...inventorySettings(raw.vars, extra, ctx),
    select: (pattern: string) => selectHosts(inventory, pattern, cwd),
  };
  return inventory;
}

/** Ansible's implicit group of hosts that are in no other group; always present. */
function ensureUngrouped(groups: Map<string, GroupEntry>): GroupEntry {
  let g = groups.get('ungrouped');
  if (!g) {
    g = { name: 'ungrouped', hosts: [], children: [], vars: {}, place: 'ungrouped', defined: true };
    groups.set('ungrouped', g);
  }
  return g;
}

/** ansible_group_priority: an integer (numeric strings allowed), default 1. */
function priorityOf(source: string, g: GroupEntry): number {
  const value = g.vars['ansible_group_priority'];
  if (value === undefined || value === null) return DEFAULT_GROUP_PRIORITY;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n)) return n;
  throw inventoryInvalid(
    source,
    g.place,
    `ansible_group_priority ${show(value)} of group ${g.name} is not an integer`,
    'set ansible_group_priority to an integer (higher wins among groups of the same depth)',
  );
}

/** The OS user name, as ssh defaults to it; $USER when the passwd lookup fails. */
function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'root';
  }
}
