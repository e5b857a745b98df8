// buildClusterModel: the inventory (and the state dir's pod CIDRs) -> the ClusterModel every Kubernetes role reads.

import { resolve } from 'node:path';
import { isOrchestrateError, OrchestrateError, type Inventory } from 'orchestrate';
import type { ClusterModel, ClusterNode, WorkerNode } from './model-types.ts';
import { clusterHosts, nodeVarsOf, toNode } from './nodes.ts';
import { assignPodCidrs } from './pod-cidrs.ts';
import { podCidrStorePath, readPodCidrs, writePodCidrs } from './pod-cidr-store.ts';
import { readClusterVars } from './read-vars.ts';
import { checkAddresses, checkApiAddresses, checkEtcdCount, checkNetworks } from './validate.ts';

const memo = new WeakMap<Inventory, Map<string, ClusterModel>>();

/** Every distinct node once (a host can be a controller and an etcd member). */
function distinct(nodes: readonly ClusterNode[]): ClusterNode[] {
  return [...new Map(nodes.map((n) => [n.name, n])).values()];
}

/** Computes the model; throws VARS_INVALID (reason and fix) before anything connects. */
function compute(inventory: Inventory, stateDir: string): ClusterModel {
  const { vars, explicitGroups } = readClusterVars(inventory);
  const hosts = clusterHosts(inventory, vars, explicitGroups);
  const controllers = hosts.controllers.map((h) => toNode(h, 'controller'));
  const etcd = hosts.etcd.map((h) => toNode(h, 'etcd member'));
  const workerNodes = hosts.workers.map((h) => toNode(h, 'worker'));
  const nets = checkNetworks(vars);
  checkApiAddresses(vars.api.addresses);
  const addresses = vars.api.addresses.length > 0 ? vars.api.addresses : [controllers[0]!.address];
  checkAddresses(distinct([...controllers, ...etcd, ...workerNodes]), vars.api.addresses, nets);
  checkEtcdCount(etcd, hosts.etcd === hosts.controllers ? vars.groups.controllers : vars.groups.etcd);

  const { assigned, record } = assignPodCidrs({
    workers: hosts.workers.map((h) => ({ name: h.name, explicit: nodeVarsOf(h).pod_cidr })),
    clusterCidr: vars.cluster_cidr,
    maskSize: vars.node_cidr_mask_size,
    persisted: readPodCidrs(stateDir),
    storeName: podCidrStorePath(stateDir),
  });
  if (hosts.workers.length > 0 || Object.keys(record).length > 0) writePodCidrs(stateDir, vars.cluster_cidr, record);
  const workers: WorkerNode[] = workerNodes.map((n) => ({ ...n, podCidr: assigned.get(n.name)! }));

  return {
    name: vars.name,
    controllers,
    workers,
    etcd,
    api: {
      addresses,
      names: vars.api.names,
      port: vars.api.port,
      url: `https://${addresses[0]}:${vars.api.port}`,
    },
    clusterCidr: vars.cluster_cidr,
    serviceCidr: vars.service_cidr,
    apiServiceIp: nets.apiServiceIp,
    dnsIp: vars.dns_ip,
    clusterDomain: vars.cluster_domain,
    versions: vars.versions,
    imageBundles: vars.images.bundles,
    keySize: vars.key_size,
  };
}

/** Cluster var problems name the inventory they came from (the checks themselves see only values). */
function withSource<T>(source: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!isOrchestrateError(err, 'VARS_INVALID')) throw err;
    const opts = {
      cause: err,
      ...(err.fix === undefined ? {} : { fix: err.fix }),
      ...(err.host === undefined ? {} : { host: err.host }),
    };
    throw new OrchestrateError('VARS_INVALID', `${source}: ${err.message}`, opts);
  }
}

/**
 * The cluster model of an inventory, computed once per inventory and state dir (memoized).
 * Call it in a playbook's prepare() so bad vars stop the run before any connection; roles call it again for free.
 */
export function buildClusterModel(inventory: Inventory, stateDir: string): ClusterModel {
  const key = resolve(stateDir);
  let byDir = memo.get(inventory);
  if (byDir === undefined) memo.set(inventory, (byDir = new Map()));
  const hit = byDir.get(key);
  if (hit !== undefined) return hit;
  const model = withSource(inventory.source, () => compute(inventory, key));
  byDir.set(key, model);
  return model;
}
