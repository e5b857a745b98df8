// Inventory-wide settings (known_hosts file, host key policy): all.vars or -e only, never per host.

import { expandPath } from './connection.ts';
import { inventoryInvalid, show } from './invalid.ts';
import type { HostKeyPolicy } from './types.ts';
import { mergeVarLayers } from './vars.ts';

export interface InventorySettings {
  readonly knownHostsFile: string;
  readonly hostKeyPolicy: HostKeyPolicy;
}

export interface SettingsContext {
  readonly source: string;
  readonly inventoryDir: string;
  readonly cwd: string;
  readonly homeDir: string;
  /** Origin name of the extra vars layer: their paths are relative to cwd. */
  readonly extraOrigin: string;
}

const KNOWN = 'orchestrate_known_hosts';
const POLICY = 'orchestrate_host_key_policy';
const POLICIES: readonly HostKeyPolicy[] = ['strict', 'accept-new'];

/** Reads the settings from all.vars < -e; known_hosts defaults to ~/.ssh/known_hosts, the policy to strict. */
export function inventorySettings(
  allVars: Readonly<Record<string, unknown>>,
  extraVars: Readonly<Record<string, unknown>>,
  ctx: SettingsContext,
): InventorySettings {
  const { vars, origins } = mergeVarLayers([
    { origin: 'all.vars', vars: allVars },
    { origin: ctx.extraOrigin, vars: extraVars },
  ]);
  const known = vars[KNOWN] ?? '~/.ssh/known_hosts';
  if (typeof known !== 'string' || known.trim() === '')
    throw inventoryInvalid(
      ctx.source,
      origins[KNOWN]!,
      `${KNOWN} ${show(known)} is not a path`,
      'set it to a file path, e.g. ~/.ssh/known_hosts',
    );
  const base = origins[KNOWN] === ctx.extraOrigin ? ctx.cwd : ctx.inventoryDir;
  const policy = vars[POLICY] ?? 'strict';
  if (!POLICIES.includes(policy as HostKeyPolicy))
    throw inventoryInvalid(
      ctx.source,
      origins[POLICY]!,
      `${POLICY} ${show(policy)} is not a host key policy`,
      "set it to 'strict' (the default) or 'accept-new'; checking is never disabled",
    );
  return { knownHostsFile: expandPath(known, base, ctx.homeDir), hostKeyPolicy: policy as HostKeyPolicy };
}

/** Refuses the inventory-wide keys in group or host vars, where they would silently do nothing. */
export function checkNotPerHost(
  source: string,
  owners: Iterable<{ readonly vars: object; readonly place: string }>,
): void {
  for (const owner of owners)
    for (const key of [KNOWN, POLICY])
      if (key in owner.vars)
        throw inventoryInvalid(
          source,
          owner.place,
          `${key} applies to the whole inventory`,
          `move ${key} to all.vars (in a TS inventory: knownHosts / hostKeyPolicy)`,
        );
}
