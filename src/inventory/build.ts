// Raw definitions -> a checked Inventory: groups resolved, vars merged, connection settings read.

import { homedir, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { connectionFor, expandPath } from './connection.ts';
import { foldGroups, foldHosts } from './definitions.ts';
import type { GroupEntry } from './definitions.ts';
import { analyzeGroups } from './group-graph.ts';
import { inventoryInvalid, show } from './invalid.ts';
import { selectHosts } from './pattern.ts';
import type { RawInventory } from './raw.ts';
import type { Group, Host, HostKeyPolicy, Inventory } from './types.ts';
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
const INVENTORY_WIDE = ['orchestrate_known_hosts', 'orchestrate_host_key_policy'];
const POLICIES: readonly HostKeyPolicy[] = ['strict', 'accept-new'];

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
  checkInventoryWide(source, hostEntries, groupEntries);

  const directGroups = new Map<string, string[]>([...hostEntries.keys()].map((h) => [h, []]));
  for (const g of groupEntries.values()) for (const h of g.hosts) directGroups.get(h)!.push(g.name);
  for (const [h, direct] of directGroups)
    if (direct.length === 0) {
      ungrouped.hosts.push(h);
      direct.push(ungrouped.name);
    }
  const ranked = new Map(
    [...groupEntries.values()].map((g) => [g.name, { name: g.name, depth: graph.depth.get(g.name)!, priority: priorityOf(source, g) }]),
  );

  const ctx = { source, inventoryDir, cwd, homeDir, defaultUser: opts.defaultUser ?? currentUser(), extraOrigin: EXTRA };
  const hosts = new Map<string, Host>();
  for (const entry of hostEntries.values()) {
    const member = new Set(directGroups.get(entry.name)!.flatMap((g) => [g, ...graph.ancestors.get(g)!]));
    const ordered = groupMergeOrder([...member].map((g) => ranked.get(g)!));
    const merged = mergeVarLayers([
      { origin: 'all.vars', vars: raw.vars },
      ...ordered.map((g) => ({ origin: `group ${g.name} (${groupEntries.get(g.name)!.place})`, vars: groupEntries.get(g.name)!.vars })),
      { origin: `host ${entry.name} (${entry.place})`, vars: entry.vars },
      { origin: EXTRA, vars: extra },
    ]);
    delete merged.vars['ansible_group_priority'];
    const conn = connectionFor(entry.name, merged, ctx);
    hosts.set(entry.name, { name: entry.name, ...conn, groups: ['all', ...ordered.map((g) => g.name)], vars: merged.vars });
  }

  const groups = new Map<string, Group>([['all', { name: 'all', hosts: [...hosts.keys()], children: graph.top, vars: raw.vars }]]);
  for (const g of groupEntries.values()) groups.set(g.name, { name: g.name, hosts: g.hosts, children: g.children, vars: g.vars });

  const wide = mergeVarLayers([{ origin: 'all.vars', vars: raw.vars }, { origin: EXTRA, vars: extra }]);
  const known = wide.vars['orchestrate_known_hosts'];
  if (known !== undefined && (typeof known !== 'string' || known.trim() === ''))
    throw inventoryInvalid(source, wide.origins['orchestrate_known_hosts']!, `orchestrate_known_hosts ${show(known)} is not a path`, 'set it to a file path, e.g. ~/.ssh/known_hosts');
  const knownBase = wide.origins['orchestrate_known_hosts'] === EXTRA ? cwd : inventoryDir;
  const knownHostsFile = expandPath(known ?? '~/.ssh/known_hosts', knownBase, homeDir);
  const policy = wide.vars['orchestrate_host_key_policy'] ?? 'strict';
  if (!POLICIES.includes(policy as HostKeyPolicy))
    throw inventoryInvalid(source, wide.origins['orchestrate_host_key_policy']!, `orchestrate_host_key_policy ${show(policy)} is not a host key policy`, "set it to 'strict' (the default) or 'accept-new'; checking is never disabled");

  const inventory: Inventory = {
    source: file,
    hosts,
    groups,
    knownHostsFile,
    hostKeyPolicy: policy as HostKeyPolicy,
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
  throw inventoryInvalid(source, g.place, `ansible_group_priority ${show(value)} of group ${g.name} is not an integer`, 'set ansible_group_priority to an integer (higher wins among groups of the same depth)');
}

/** known_hosts and the host key policy apply to the whole run: only all.vars (or -e) may set them. */
function checkInventoryWide(source: string, hosts: ReadonlyMap<string, { vars: object; place: string }>, groups: ReadonlyMap<string, GroupEntry>): void {
  for (const owner of [...groups.values(), ...hosts.values()])
    for (const key of INVENTORY_WIDE)
      if (key in owner.vars) throw inventoryInvalid(source, owner.place, `${key} applies to the whole inventory`, `move ${key} to all.vars (in a TS inventory: knownHosts / hostKeyPolicy)`);
}

/** The OS user name, as ssh defaults to it; $USER when the passwd lookup fails. */
function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'root';
  }
}
