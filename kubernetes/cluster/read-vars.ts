// Reads the `cluster` var from the inventory: one value for the whole cluster, validated with its defaults.

import type { Inventory } from 'orchestrate';
import { describeIssues, varsInvalid } from './errors.ts';
import { clusterVarsSchema, type ClusterVars } from './vars.ts';

/** JSON with sorted keys: two equal values print the same whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The raw `cluster` value every host sees; a group or host that changes it is refused (it is cluster-wide). */
export function rawClusterVar(inventory: Inventory): unknown {
  let seen: { host: string; value: unknown; text: string } | undefined;
  for (const host of inventory.hosts.values()) {
    const value = host.vars['cluster'];
    const text = canonical(value);
    if (seen === undefined) seen = { host: host.name, value, text };
    else if (seen.text !== text)
      throw varsInvalid(
        `the cluster var differs between hosts ${seen.host} and ${host.name}`,
        'set `cluster` once, in all.vars (or with -e), never per group or host: it describes the whole cluster',
        host.name,
      );
  }
  return seen === undefined ? inventory.groups.get('all')?.vars['cluster'] : seen.value;
}

/** The `cluster` var with defaults applied, and which group names it set explicitly. */
export function readClusterVars(inventory: Inventory): { vars: ClusterVars; explicitGroups: Set<string> } {
  const raw = rawClusterVar(inventory) ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw varsInvalid(
      'the cluster var is not a map',
      'write `cluster:` as a map of settings (see docs/cluster-vars.md)',
    );
  const r = clusterVarsSchema.safeParse(raw);
  if (!r.success)
    throw varsInvalid(
      `invalid cluster vars: ${describeIssues('cluster', r.error.issues)}`,
      'correct the named keys (every key, its default and meaning: docs/cluster-vars.md)',
    );
  const groups = (raw as { groups?: unknown }).groups;
  const explicitGroups = new Set(typeof groups === 'object' && groups !== null ? Object.keys(groups) : []);
  return { vars: r.data, explicitGroups };
}
