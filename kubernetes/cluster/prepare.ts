// A cluster playbook's prepare step: model (validated), PKI (issued or reissued), artifacts (fetched).

import type { PrepareContext } from 'orchestrate';
import type { ComponentVersions } from './model-types.ts';
import { buildClusterModel } from './index.ts';
import { ensurePki, formatPkiReport } from '../pki/index.ts';
import { artifactOptions, CNI_PLUGINS, prefetchArtifacts, targetArches } from '../artifacts/index.ts';

/** Which component version table entry each binary follows. */
const VERSION_OF: Record<string, keyof ComponentVersions> = {
  etcd: 'etcd',
  etcdctl: 'etcd',
  containerd: 'containerd',
  'containerd-shim-runc-v2': 'containerd',
  ctr: 'containerd',
  runc: 'runc',
  crictl: 'crictl',
  ...Object.fromEntries(CNI_PLUGINS.map((p) => [p, 'cni' as const])),
};

/** Runs before any connection: bad cluster vars stop here; certs and binaries are ready for tasks(). */
export async function prepareCluster(ctx: PrepareContext, binaries: readonly { binary: string }[]): Promise<void> {
  const model = buildClusterModel(ctx.inventory, ctx.stateDir);
  const report = await ensurePki(model, ctx.stateDir, { check: ctx.check });
  for (const line of formatPkiReport(report)) process.stderr.write(`${line}\n`);
  const wanted = binaries.map((b) => ({
    binary: b.binary,
    version: model.versions[VERSION_OF[b.binary] ?? 'kubernetes'],
  }));
  await prefetchArtifacts(wanted, targetArches(ctx.targets, ctx.stateDir), artifactOptions(ctx));
}
