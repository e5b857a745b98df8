// The artifact sources of a run, from what a role or a playbook's prepare step sees.

import { arch as machineArch } from 'node:process';
import { dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { readFactsCache, type Host, type Inventory } from 'orchestrate';
import { resolveArtifact, type ArtifactOptions, type ResolvedArtifact } from './resolve.ts';

/** The fields of RoleContext / PrepareContext the artifact sources come from. */
export interface ArtifactContext {
  readonly inventory: Inventory;
  readonly stateDir: string;
  /** --artifacts-dir. */
  readonly artifactsDir: string | undefined;
}

/** The inventory's `artifacts_dir` (all.vars, or -e), relative to the inventory file. */
export function inventoryArtifactsDir(inventory: Inventory): string | undefined {
  const first = inventory.hosts.values().next().value as Host | undefined;
  const value = first?.vars['artifacts_dir'] ?? inventory.groups.get('all')?.vars['artifacts_dir'];
  return typeof value === 'string' && value !== '' ? resolve(dirname(inventory.source), value) : undefined;
}

/**
 * Mirrors: --artifacts-dir, then the inventory's artifacts_dir (so a directory of Kubernetes binaries can
 * be added to the lab's Debian mirror). Cache: `<stateDir>/artifacts`. Downloads off when ORCHESTRATE_OFFLINE=1.
 */
export function artifactOptions(ctx: ArtifactContext, env: NodeJS.ProcessEnv = process.env): ArtifactOptions {
  const fromInventory = inventoryArtifactsDir(ctx.inventory);
  const flag = ctx.artifactsDir === undefined ? undefined : resolve(ctx.artifactsDir);
  return {
    artifactsDir: flag ?? fromInventory,
    moreMirrors: flag !== undefined && fromInventory !== undefined && fromInventory !== flag ? [fromInventory] : [],
    cacheDir: join(ctx.stateDir, 'artifacts'),
    download: env['ORCHESTRATE_OFFLINE'] !== '1',
  };
}

/** dpkg name of the control machine's architecture. */
export function controlArch(): string {
  return machineArch === 'x64' ? 'amd64' : machineArch;
}

/**
 * The architectures of the hosts, before connecting: the fact cache's, else the host var `arch`,
 * else the control machine's (a wrong guess only means the binaries are fetched on the next run).
 */
export function targetArches(hosts: readonly Host[], stateDir: string): string[] {
  const arches = hosts.map((h) => {
    const v = h.vars['arch'];
    return readFactsCache(stateDir, h.name)?.arch ?? (typeof v === 'string' ? v : controlArch());
  });
  return [...new Set(arches)].sort();
}

/** For prepare(): resolves (downloading when needed) every binary for every arch, 4 at a time. */
export async function prefetchArtifacts(
  wanted: readonly { readonly binary: string; readonly version: string }[],
  arches: readonly string[],
  opts: ArtifactOptions,
): Promise<ResolvedArtifact[]> {
  const limit = pLimit(4);
  const jobs = arches.flatMap((arch) =>
    wanted.map((w) => limit(() => resolveArtifact(w.binary, w.version, arch, opts))),
  );
  return Promise.all(jobs);
}
