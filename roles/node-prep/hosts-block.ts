// The /etc/hosts block naming every cluster host, so names resolve without DNS (docs/kthw.md#hosts-file).

import type { ClusterModel, ClusterNode } from '../../kubernetes/cluster/model-types.ts';

/** The block's id: its markers read `# BEGIN ORCHESTRATE MANAGED BLOCK kubernetes`. */
export const HOSTS_BLOCK_ID = 'kubernetes';

/** Every host of the cluster once: controllers, then etcd members not already listed, then workers. */
export function clusterHosts(model: ClusterModel): ClusterNode[] {
  const seen = new Set<string>();
  return [...model.controllers, ...model.etcd, ...model.workers].filter((n) =>
    seen.has(n.name) ? false : (seen.add(n.name), true),
  );
}

/** Pure: one `ADDRESS NAME` line per cluster host, whatever --limit selects. */
export function renderHostsBlock(model: ClusterModel): string {
  return clusterHosts(model)
    .map((n) => `${n.address} ${n.name}`)
    .join('\n');
}
