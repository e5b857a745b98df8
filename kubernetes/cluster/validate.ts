// Cross-field checks of the cluster vars and nodes (pure): every rejection names the problem and the fix.

import type { ClusterNode } from './model-types.ts';
import {
  cidrProblem,
  containsIp,
  formatIpv4,
  lastAddress,
  nthAddress,
  overlaps,
  parseCidr,
  parseIpv4,
  type Cidr,
} from './cidr.ts';
import { varsInvalid } from './errors.ts';
import type { ClusterVars } from './vars.ts';

/** The networks and service addresses, parsed once the checks passed. */
export interface CheckedNetworks {
  readonly cluster: Cidr;
  readonly service: Cidr;
  /** First address of the service CIDR: the `kubernetes` service. */
  readonly apiServiceIp: string;
}

function cidrOf(key: string, text: string): Cidr {
  const problem = cidrProblem(text);
  if (problem !== undefined)
    throw varsInvalid(
      `cluster.${key} "${text}": ${problem}`,
      `set cluster.${key} to an IPv4 network such as 10.32.0.0/24`,
    );
  return parseCidr(text)!;
}

function ipOf(key: string, text: string): number {
  const ip = parseIpv4(text);
  if (ip === undefined)
    throw varsInvalid(`cluster.${key} "${text}" is not an IPv4 address`, `set cluster.${key} to an IPv4 address`);
  return ip;
}

/** CIDRs, DNS IP and API service IP: well-formed, disjoint, and the service addresses inside the service CIDR. */
export function checkNetworks(vars: ClusterVars): CheckedNetworks {
  const cluster = cidrOf('cluster_cidr', vars.cluster_cidr);
  const service = cidrOf('service_cidr', vars.service_cidr);
  if (overlaps(cluster, service))
    throw varsInvalid(
      `cluster.cluster_cidr ${vars.cluster_cidr} and cluster.service_cidr ${vars.service_cidr} overlap`,
      'pick disjoint ranges (KTHW: pods 10.200.0.0/16, services 10.32.0.0/24)',
    );
  if (vars.node_cidr_mask_size < cluster.prefix)
    throw varsInvalid(
      `cluster.node_cidr_mask_size /${vars.node_cidr_mask_size} is wider than cluster.cluster_cidr ${vars.cluster_cidr}`,
      `set node_cidr_mask_size to ${cluster.prefix} or more (default 24)`,
    );
  const apiIp = nthAddress(service, 1);
  if (apiIp === undefined || apiIp >= lastAddress(service))
    throw varsInvalid(
      `cluster.service_cidr ${vars.service_cidr} has no room for the API service IP (its first address)`,
      'use a service CIDR of /30 or wider (KTHW: 10.32.0.0/24)',
    );
  const dns = ipOf('dns_ip', vars.dns_ip);
  if (!containsIp(service, dns) || dns === service.base || dns === lastAddress(service))
    throw varsInvalid(
      `cluster.dns_ip ${vars.dns_ip} is not a usable address of cluster.service_cidr ${vars.service_cidr}`,
      `pick a dns_ip inside ${vars.service_cidr} (KTHW: 10.32.0.10)`,
    );
  if (dns === apiIp)
    throw varsInvalid(
      `cluster.dns_ip ${vars.dns_ip} is the API service IP (the first address of ${vars.service_cidr})`,
      `pick another dns_ip inside ${vars.service_cidr}, e.g. ${formatIpv4(service.base + 10)}`,
    );
  return { cluster, service, apiServiceIp: formatIpv4(apiIp) };
}

/** API addresses are IPv4 addresses (names go in api.names). */
export function checkApiAddresses(addresses: readonly string[]): void {
  for (const a of addresses)
    if (parseIpv4(a) === undefined)
      throw varsInvalid(
        `cluster.api.addresses: "${a}" is not an IPv4 address`,
        'list IPv4 addresses in cluster.api.addresses and DNS names in cluster.api.names',
      );
}

/** No node or API address inside the pod or service range; no two hosts with one address. */
export function checkAddresses(
  nodes: readonly ClusterNode[],
  apiAddresses: readonly string[],
  nets: CheckedNetworks,
): void {
  const owners = new Map<string, string>();
  const named = [
    ...nodes.flatMap((n) => [
      { what: `${n.name}'s address`, ip: n.address, host: n.name },
      ...(n.externalAddress ? [{ what: `${n.name}'s external_address`, ip: n.externalAddress, host: n.name }] : []),
    ]),
    ...apiAddresses.map((ip) => ({ what: 'the API address', ip, host: undefined })),
  ];
  for (const { what, ip, host } of named) {
    const n = parseIpv4(ip)!;
    for (const [key, net] of [
      ['cluster_cidr', nets.cluster],
      ['service_cidr', nets.service],
    ] as const)
      if (containsIp(net, n))
        throw varsInvalid(
          `${what} ${ip} lies inside cluster.${key} ${formatIpv4(net.base)}/${net.prefix}: the hosts' network overlaps it`,
          `move cluster.${key} to a range the hosts' network does not use`,
          host,
        );
  }
  for (const n of nodes) {
    const other = owners.get(n.address);
    if (other !== undefined && other !== n.name)
      throw varsInvalid(
        `${n.name} and ${other} have the same address ${n.address}`,
        'give every host its own address (ansible_host / internal_address)',
        n.name,
      );
    owners.set(n.address, n.name);
  }
}

/** etcd needs an odd member count for a quorum that survives a failure. */
export function checkEtcdCount(members: readonly ClusterNode[], group: string): void {
  if (members.length % 2 === 0)
    throw varsInvalid(
      `etcd has ${members.length} members (group ${group}): an even count tolerates no more failures than one fewer`,
      `use an odd number of etcd members (1, 3 or 5): add or remove a host in group ${group}`,
    );
}
