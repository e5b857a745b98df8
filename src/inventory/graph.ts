// `orchestrate inventory`: the `--graph` tree (as ansible-inventory --graph) and the JSON view.

import type { Group, HostKeyPolicy, Inventory } from './types.ts';

/** One host in the JSON view: connection settings resolved, vars merged. */
export interface HostView {
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly become: boolean;
  readonly identityFile: string | null;
  readonly jump: string | null;
  readonly proxyCommand: string | null;
  readonly groups: readonly string[];
  readonly vars: Readonly<Record<string, unknown>>;
}

/** What `orchestrate inventory [-l PATTERN]` prints (JSON.stringify-ready). */
export interface InventoryView {
  readonly source: string;
  readonly pattern: string;
  readonly knownHostsFile: string;
  readonly hostKeyPolicy: HostKeyPolicy;
  /** Selected hosts, in inventory order. */
  readonly hosts: Readonly<Record<string, HostView>>;
  /** Groups holding a selected host (directly or through children), members narrowed to the selection. */
  readonly groups: Readonly<
    Record<string, { hosts: string[]; children: string[]; vars: Readonly<Record<string, unknown>> }>
  >;
}

/** The tree as `ansible-inventory --graph` draws it: children then hosts, each sorted by name. */
export function renderGraph(inv: Inventory, pattern = 'all'): string {
  const selected = new Set(inv.select(pattern).map((h) => h.name));
  const keep = keptGroups(inv, selected, pattern !== 'all');
  const lines: string[] = [];
  const draw = (group: Group, depth: number): void => {
    lines.push(`${'  |'.repeat(depth)}${depth > 0 ? '--' : ''}@${group.name}:`);
    for (const child of sorted(group.children)) if (keep.has(child)) draw(inv.groups.get(child)!, depth + 1);
    if (group.name === 'all') return; // as Ansible: all's hosts appear under their groups (or ungrouped)
    for (const host of sorted(group.hosts)) if (selected.has(host)) lines.push(`${'  |'.repeat(depth + 1)}--${host}`);
  };
  draw(inv.groups.get('all')!, 0);
  return lines.join('\n');
}

/** The JSON view: selected hosts with resolved settings and vars, and the groups that hold them. */
export function inventoryJson(inv: Inventory, pattern = 'all'): InventoryView {
  const selected = inv.select(pattern);
  const names = new Set(selected.map((h) => h.name));
  const hosts: Record<string, HostView> = {};
  for (const h of selected)
    hosts[h.name] = {
      address: h.address,
      port: h.port,
      user: h.user,
      become: h.become,
      identityFile: h.identityFile ?? null,
      jump: h.jump ?? null,
      proxyCommand: h.proxyCommand ?? null,
      groups: h.groups,
      vars: h.vars,
    };
  const keep = keptGroups(inv, names, true);
  const groups: Record<string, InventoryView['groups'][string]> = {};
  for (const g of inv.groups.values())
    if (keep.has(g.name))
      groups[g.name] = {
        hosts: g.hosts.filter((h) => names.has(h)),
        children: g.children.filter((c) => keep.has(c)),
        vars: g.vars,
      };
  return {
    source: inv.source,
    pattern,
    knownHostsFile: inv.knownHostsFile,
    hostKeyPolicy: inv.hostKeyPolicy,
    hosts,
    groups,
  };
}

/** Groups to show: all of them, or (when pruning) `all` and those holding a selected host. */
function keptGroups(inv: Inventory, selected: ReadonlySet<string>, prune: boolean): Set<string> {
  if (!prune) return new Set(inv.groups.keys());
  const keep = new Set(['all']);
  for (const name of selected) for (const g of inv.hosts.get(name)!.groups) keep.add(g);
  return keep;
}

function sorted(names: readonly string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
