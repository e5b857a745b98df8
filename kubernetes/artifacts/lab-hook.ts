// `orchestrate lab up`'s prepare hook: the mirror built from Go modules, and the inventory vars that point the roles at it.

import { join } from 'node:path';
import { OrchestrateError, type LabPrepareContext, type LabPrepareResult } from 'orchestrate';
import { defaultReleaseLine, releaseLineFor, type ReleaseSet } from '../cluster/release-sets.ts';
import { buildMirror, type BuildStep, type BuiltMirror } from './build-mirror.ts';
import { controlArch } from './options.ts';

/** The mirror's directory under the machine's cache dir (/var/cache/orchestrate). */
export const MIRROR_DIR = 'artifacts';

/** The release set for a `--kubernetes` version: its minor's line, with the patch given. */
export function releaseSetFor(kubernetes: string | undefined): ReleaseSet {
  if (kubernetes === undefined) return defaultReleaseLine().set;
  const v = kubernetes.replace(/^v/, '');
  const line = releaseLineFor(v);
  if (line === undefined || !/^\d+\.\d+\.\d+$/.test(v))
    throw new OrchestrateError('VARS_INVALID', `Kubernetes ${kubernetes} has no release line in this project`, {
      fix: 'use a 1.35.x, 1.36.x or 1.37.x version (kubernetes/cluster/release-sets.ts)',
    });
  return { ...line.set, kubernetes: v };
}

/**
 * Settings only a lab host needs, because it is a container on a shared kernel (docs/lab.md); real hosts keep
 * the defaults. The kubelet's dir is on the host's overlay root, which cadvisor cannot map to a block device;
 * nf_conntrack_max is the machine's, not writable from a host's network namespace.
 */
export const LAB_NODE_VARS = {
  kubelet: { local_storage_capacity_isolation: false },
  kube_proxy: { conntrack_max_per_core: 0 },
} as const;

/** Pure: all.vars for the lab inventory: the mirror, its versions, its images, and the lab's node settings. */
export function mirrorVars(m: BuiltMirror): Record<string, unknown> {
  return {
    ...LAB_NODE_VARS,
    artifacts_dir: m.dir,
    cluster: {
      versions: { ...m.set },
      images: { bundles: [m.images.pause.bundle, m.images.coredns.bundle, m.images.workload.bundle] },
    },
    verify_image: m.images.workload.name,
  };
}

/** Pure: the operator's line. */
export function mirrorSummary(m: BuiltMirror): string {
  const s = m.set;
  const versions = `kubernetes ${s.kubernetes}, etcd ${s.etcd}, containerd ${s.containerd}, runc ${s.runc}, cni ${s.cni}, crictl ${s.crictl}`;
  const how = m.built.length === 0 ? 'cached' : `built ${m.built.length} part(s) in ${m.seconds.toFixed(0)} s`;
  return `artifacts: ${m.dir} (${m.arch}: ${versions}; images pause, coredns, ${m.images.workload.name}; ${how})`;
}

/** A plain progress line per step, for logs and terminals without listr2. */
export function stepLine(s: BuildStep): string | undefined {
  if (s.phase === 'cached') return undefined;
  const what = `${s.component} ${s.version}: ${s.binary === 'module' ? 'resolve modules' : s.binary}`;
  return s.phase === 'start' ? `artifacts: ${what} ...` : `artifacts: ${what} done in ${s.seconds.toFixed(0)} s`;
}

/** Fills (what is missing of) `<cacheDir>/artifacts` for a release set; a plain log line per step. */
export function fillLabMirror(
  ctx: LabPrepareContext,
  set: ReleaseSet,
  onStep?: (s: BuildStep) => void,
): Promise<BuiltMirror> {
  return buildMirror({
    dir: join(ctx.cacheDir, MIRROR_DIR),
    cacheDir: ctx.cacheDir,
    set,
    arch: controlArch(),
    log: ctx.log,
    onStep:
      onStep ??
      ((s) => {
        const line = stepLine(s);
        if (line !== undefined) ctx.log(line);
      }),
  });
}

/** The lab's hook for a release set: what the inventory will pin is built first, so every role finds it offline. */
export function builtMirrorLabHook(kubernetes?: string) {
  return async (ctx: LabPrepareContext): Promise<LabPrepareResult> => {
    const mirror = await fillLabMirror(ctx, releaseSetFor(kubernetes));
    return { vars: mirrorVars(mirror), summary: mirrorSummary(mirror) };
  };
}
