// This host's entry in the cluster model (its etcd member, controller or worker), or PLAYBOOK_INVALID saying
// which group the role belongs on: a role run on the wrong hosts stops before it plans anything.

import { OrchestrateError } from 'orchestrate';
import type { ClusterModel, ClusterNode, WorkerNode } from './model-types.ts';

/** This host as an etcd member of the model; `role` names the role in the error. */
export function etcdMemberOf(model: ClusterModel, host: string, role: string): ClusterNode {
  return entryOf(model.etcd, host, role, { what: 'an etcd member', group: 'etcd' });
}

/** This host as a controller of the model. */
export function controllerOf(model: ClusterModel, host: string, role: string): ClusterNode {
  return entryOf(model.controllers, host, role, { what: 'a controller', group: 'controllers' });
}

/** This host as a worker of the model (with its pod CIDR). */
export function workerOf(model: ClusterModel, host: string, role: string): WorkerNode {
  return entryOf(model.workers, host, role, { what: 'a worker', group: 'workers' });
}

function entryOf<N extends ClusterNode>(
  nodes: readonly N[],
  host: string,
  role: string,
  is: { readonly what: string; readonly group: string },
): N {
  const me = nodes.find((n) => n.name === host);
  if (me) return me;
  throw new OrchestrateError('PLAYBOOK_INVALID', `${host} is not ${is.what} of the cluster model`, {
    host,
    fix: `run the ${role} role on the ${is.group} group only (${nodes.map((n) => n.name).join(', ') || 'none'})`,
  });
}
