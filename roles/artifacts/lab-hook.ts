// `orchestrate lab up`'s prepare hook: the Debian mirror, and the inventory vars that point the roles at it.

import { join } from 'node:path';
import type { LabPrepareContext, LabPrepareResult } from '../../src/lab/index.ts';
import { fillDebianMirror, type DebianMirror } from './debian-mirror.ts';

/** The mirror's directory under the machine's cache dir (/var/cache/orchestrate). */
export const DEBIAN_MIRROR_DIR = 'artifacts-debian';

/** Pure: all.vars for the lab inventory: the mirror as artifacts_dir, its versions as cluster.versions. */
export function mirrorVars(m: DebianMirror): Record<string, unknown> {
  return { artifacts_dir: m.dir, cluster: { versions: { ...m.manifest.versions } } };
}

/** Pure: the operator's line. */
export function mirrorSummary(m: DebianMirror): string {
  const versions = Object.entries(m.manifest.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const how = m.built ? `built in ${m.seconds.toFixed(1)} s` : 'cached';
  return `artifacts: ${m.dir} (Debian ${m.manifest.arch}: ${versions}; ${how}; no Kubernetes binaries)`;
}

/** Fills (once) `<cacheDir>/artifacts-debian` and returns the vars for the lab's inventory. */
export async function debianMirrorLabHook(ctx: LabPrepareContext): Promise<LabPrepareResult> {
  const mirror = await fillDebianMirror({ dir: join(ctx.cacheDir, DEBIAN_MIRROR_DIR), log: ctx.log });
  return { vars: mirrorVars(mirror), summary: mirrorSummary(mirror) };
}
