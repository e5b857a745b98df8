// TS/JS inventories at run time: the default export is validated (tsx does not type-check) and normalized.

import { z } from 'zod';
import type { HostSpec, InventorySpec } from './define.ts';
import { inventoryInvalid, isRecord, show } from './invalid.ts';
import type { GroupDefinition, HostDefinition, RawInventory } from './raw.ts';
import { expandHostRange } from './host-range.ts';

const vars = z.record(z.string(), z.unknown());
const host = z.strictObject({
  address: z.string().optional(),
  port: z.number().optional(),
  user: z.string().optional(),
  become: z.boolean().optional(),
  identityFile: z.string().optional(),
  jump: z.string().optional(),
  proxyCommand: z.string().optional(),
  vars: vars.optional(),
});
const hostMap = z.record(z.string(), host.nullable());
const group = z.strictObject({
  hosts: z.union([z.array(z.string()), hostMap]).optional(),
  children: z.array(z.string()).optional(),
  vars: vars.optional(),
});
const spec = z.strictObject({
  vars: vars.optional(),
  hosts: hostMap.optional(),
  groups: z.record(z.string(), group).optional(),
  knownHosts: z.string().optional(),
  hostKeyPolicy: z.string().optional(),
});

/** The spec fields and the connection vars they stand for. */
const FIELD_VARS = [
  ['address', 'ansible_host'],
  ['port', 'ansible_port'],
  ['user', 'ansible_user'],
  ['become', 'ansible_become'],
  ['identityFile', 'ansible_ssh_private_key_file'],
  ['jump', 'orchestrate_jump'],
  ['proxyCommand', 'orchestrate_proxy_command'],
] as const;

const SHAPE_FIX =
  'export default defineInventory({ vars, hosts, groups, knownHosts, hostKeyPolicy }) (see docs/inventory.md)';

/** Validates a module's default export (defineInventory's result or a plain spec) into the raw inventory. */
export function specToRaw(exported: unknown, source: string): RawInventory {
  const body = isRecord(exported) && exported['kind'] === 'orchestrate.inventory' ? exported['spec'] : exported;
  if (!isRecord(body))
    throw inventoryInvalid(source, 'default export', `expected an inventory object, got ${show(body)}`, SHAPE_FIX);
  const parsed = spec.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const place = issue.path.length === 0 ? 'top level' : issue.path.map(String).join('.');
    const problem =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.map((k) => show(k)).join(', ')}`
        : issue.message;
    throw inventoryInvalid(source, place, problem, SHAPE_FIX);
  }
  return normalize(parsed.data as InventorySpec, source);
}

function normalize(s: InventorySpec, source: string): RawInventory {
  const allVars = { ...s.vars } as Record<string, unknown>;
  inline(allVars, 'orchestrate_known_hosts', s.knownHosts, source, 'knownHosts');
  inline(allVars, 'orchestrate_host_key_policy', s.hostKeyPolicy, source, 'hostKeyPolicy');
  const hosts: HostDefinition[] = [];
  const addHosts = (entries: [string, HostSpec | null][], path: string): string[] =>
    entries.flatMap(([key, h]) => {
      const place = `${path}.${key}`;
      const range = expandHostRange(key);
      if (!range.ok)
        throw inventoryInvalid(source, place, range.problem, 'write ranges as name-[begin:end], e.g. worker-[0:2]');
      const hostVars = hostSpecVars(h ?? {}, source, place);
      for (const name of range.names) hosts.push({ name, vars: hostVars, place });
      return range.names;
    });
  addHosts(Object.entries(s.hosts ?? {}), 'hosts');
  const groups: GroupDefinition[] = Object.entries(s.groups ?? {}).map(([name, g]) => {
    const place = `groups.${name}`;
    // A name in a list only places the host in the group, like a YAML `name:` with no vars.
    const entries: [string, HostSpec | null][] = isStringList(g.hosts)
      ? g.hosts.map((h) => [h, null])
      : Object.entries(g.hosts ?? {});
    const members = addHosts(entries, `${place}.hosts`);
    return {
      name,
      hosts: members,
      children: [...(g.children ?? [])],
      vars: { ...g.vars },
      place,
      referenceOnly: false,
    };
  });
  return { source, vars: allVars, hosts, groups };
}

/** A host's vars with its shorthand fields folded in as connection vars. */
function hostSpecVars(h: HostSpec, source: string, place: string): Record<string, unknown> {
  const out = { ...h.vars } as Record<string, unknown>;
  for (const [field, key] of FIELD_VARS) inline(out, key, h[field], source, `${place}.${field}`);
  return out;
}

/** Sets vars[key] from a shorthand field; both set to different values is a conflict. */
function inline(out: Record<string, unknown>, key: string, value: unknown, source: string, place: string): void {
  if (value === undefined) return;
  if (key in out && out[key] !== value)
    throw inventoryInvalid(
      source,
      place,
      `conflicts with vars.${key} = ${show(out[key])}`,
      `set it once: either the field or vars.${key}`,
    );
  out[key] = value;
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}
