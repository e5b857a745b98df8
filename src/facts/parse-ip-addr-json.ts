// Parses `ip -j addr show` (iproute2 >= 4.13): links with their addr_info entries.

import type { Address } from './types.ts';

interface AddrInfoJson {
  readonly family?: unknown;
  readonly local?: unknown;
  readonly prefixlen?: unknown;
}

interface LinkJson {
  readonly ifname?: unknown;
  readonly addr_info?: readonly AddrInfoJson[];
}

/** Every inet/inet6 address of every link; entries without a local address are skipped. */
export function parseIpAddrJson(text: string): Address[] {
  if (text.trim() === '') return [];
  const links = JSON.parse(text) as unknown;
  if (!Array.isArray(links)) throw new Error('ip -j addr: expected a JSON array');
  const out: Address[] = [];
  for (const link of links as LinkJson[]) {
    if (typeof link?.ifname !== 'string' || !Array.isArray(link.addr_info)) continue;
    for (const a of link.addr_info) {
      if (a.family !== 'inet' && a.family !== 'inet6') continue;
      if (typeof a.local !== 'string' || typeof a.prefixlen !== 'number') continue;
      out.push({ iface: link.ifname, family: a.family, address: a.local, prefix: a.prefixlen });
    }
  }
  return out;
}
