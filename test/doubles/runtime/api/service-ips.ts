// Service ClusterIPs from --service-cluster-ip-range, with the real apiserver's errors (an apiserver without the
// flag falls back to 10.0.0.0/24: docs/kthw.md#service-cidr-fallback shows here).

import { isIP } from 'node:net';
import { invalid } from './status.ts';
import type { KObject } from './store.ts';

const toInt = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** An IPv4 range: first and last usable service IP (network and broadcast excluded). */
export interface ServiceRange {
  readonly cidr: string;
  readonly first: number;
  readonly last: number;
}

/** Pure: the range of a CIDR (only the first, IPv4, family is allocated from). */
export function serviceRange(cidr: string): ServiceRange {
  const first = cidr.split(',')[0]!.trim();
  const [addr = '10.0.0.0', bits = '24'] = first.split('/');
  const size = 2 ** (32 - Number(bits));
  const base = Math.floor(toInt(addr) / size) * size;
  return { cidr: first, first: base + 1, last: base + size - 2 };
}

/** The first service IP: the `kubernetes` Service's ClusterIP (10.32.0.1 for 10.32.0.0/24). */
export const kubernetesServiceIp = (r: ServiceRange): string => toIp(r.first);

/** Sets or checks spec.clusterIP of a Service against the range and the IPs other Services hold. */
export function assignClusterIp(svc: KObject, r: ServiceRange, others: readonly KObject[]): void {
  const spec = (svc['spec'] ??= {}) as Record<string, unknown>;
  const name = String(svc.metadata['name']);
  const taken = new Set(
    others
      .filter((o) => !(o.metadata['name'] === name && o.metadata['namespace'] === svc.metadata['namespace']))
      .map((o) => (o['spec'] as Record<string, unknown> | undefined)?.['clusterIP']),
  );
  const wanted = spec['clusterIP'];
  if (wanted === 'None' || spec['type'] === 'ExternalName') return;
  if (typeof wanted === 'string' && wanted !== '') {
    if (isIP(wanted) !== 4 || toInt(wanted) < r.first || toInt(wanted) > r.last)
      throw invalid(
        'Service',
        name,
        `spec.clusterIPs: Invalid value: []string{"${wanted}"}: failed to allocate IP ${wanted}: the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${r.cidr}`,
      );
    if (taken.has(wanted))
      throw invalid(
        'Service',
        name,
        `spec.clusterIPs: Invalid value: []string{"${wanted}"}: failed to allocate IP ${wanted}: provided IP is already allocated`,
      );
  } else {
    let n = r.first;
    while (n <= r.last && taken.has(toIp(n))) n++;
    spec['clusterIP'] = toIp(n);
  }
  spec['clusterIPs'] = [spec['clusterIP']];
}
