// The pod network without an overlay (docs/kthw.md#pod-routes): every host routes each other worker's pod CIDR to it.

import type { RouteSpec } from 'orchestrate';
import type { ClusterModel } from '../../kubernetes/cluster/model-types.ts';

/** The routes file's name under /etc/orchestrate/routes.d. */
export const POD_ROUTES_NAME = 'pod-cidrs';

/** Pure: one route per worker other than this host, via that worker's address (all workers, whatever --limit says). */
export function podRoutes(model: ClusterModel, hostName: string): RouteSpec[] {
  return model.workers
    .filter((w) => w.name !== hostName)
    .map((w) => ({ dst: w.podCidr, via: w.address, dev: undefined }));
}
