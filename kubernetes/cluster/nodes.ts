// Which hosts are controllers, workers and etcd members, and each one's addresses, from the inventory.

import type { Host, Inventory } from 'orchestrate';
import type { ClusterNode } from './model-types.ts';
import { isIpv4 } from './cidr.ts';
import { describeIssues, varsInvalid } from './errors.ts';
import { nodeVarsSchema, type ClusterVars, type NodeVars } from './vars.ts';

/** The hosts of each cluster group, in inventory order. */
export interface ClusterHosts {
  readonly controllers: readonly Host[];
  readonly workers: readonly Host[];
  readonly etcd: readonly Host[];
}

/** Hosts that belong to a group (directly or through a child group), in inventory order. */
export function membersOf(inventory: Inventory, group: string): Host[] {
  return [...inventory.hosts.values()].filter((h) => h.groups.includes(group));
}

/** Group names explicitly set in cluster.groups must exist; the default etcd group falls back to the controllers. */
export function clusterHosts(inventory: Inventory, vars: ClusterVars, explicit: ReadonlySet<string>): ClusterHosts {
  const { groups } = vars;
  for (const role of ['controllers', 'workers', 'etcd'] as const) {
    if (explicit.has(role) && !inventory.groups.has(groups[role]))
      throw varsInvalid(
        `cluster.groups.${role} names group "${groups[role]}", which the inventory does not have`,
        `add group ${groups[role]} to the inventory, or set cluster.groups.${role} to an existing group`,
      );
  }
  const controllers = membersOf(inventory, groups.controllers);
  if (controllers.length === 0)
    throw varsInvalid(
      `no controllers: group "${groups.controllers}" has no hosts`,
      `put the control-plane hosts in group ${groups.controllers}, or set cluster.groups.controllers to their group`,
    );
  const etcdGroup = membersOf(inventory, groups.etcd);
  const etcd = etcdGroup.length > 0 || explicit.has('etcd') ? etcdGroup : controllers;
  return { controllers, workers: membersOf(inventory, groups.workers), etcd };
}

/** The host's own vars the model reads, validated. */
export function nodeVarsOf(host: Host): NodeVars {
  const r = nodeVarsSchema.safeParse(host.vars);
  if (!r.success)
    throw varsInvalid(
      `host ${host.name}: ${describeIssues('', r.error.issues).replace(/^\./, '')}`,
      'internal_address, external_address and pod_cidr are strings (an IPv4 address, a CIDR)',
      host.name,
    );
  return r.data;
}

/** A host as a cluster node: its InternalIP (internal_address, else ansible_host) must be an IPv4 address. */
export function toNode(host: Host, role: string): ClusterNode {
  const v = nodeVarsOf(host);
  const address = v.internal_address ?? host.address;
  if (!isIpv4(address)) {
    const from = v.internal_address !== undefined ? 'internal_address' : 'ansible_host';
    throw varsInvalid(
      `${role} ${host.name} has no IPv4 address: its ${from} is "${address}"`,
      `set ansible_host (or internal_address, when ssh goes elsewhere) of ${host.name} to its IPv4 address on the cluster network`,
      host.name,
    );
  }
  if (v.external_address !== undefined && !isIpv4(v.external_address))
    throw varsInvalid(
      `${role} ${host.name}: external_address "${v.external_address}" is not an IPv4 address`,
      `set external_address of ${host.name} to an IPv4 address, or remove it`,
      host.name,
    );
  return { name: host.name, address, externalAddress: v.external_address };
}
