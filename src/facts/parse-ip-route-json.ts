// Parses `ip -j route show` (iproute2 >= 4.17): one object per route, multipath under nexthops.

import type { Route } from './types.ts';
import { toCidr } from './cidr.ts';

interface HopJson {
  readonly gateway?: unknown;
  readonly via?: { readonly host?: unknown };
  readonly dev?: unknown;
}

interface RouteJson extends HopJson {
  readonly dst?: unknown;
  readonly prefsrc?: unknown;
  readonly nexthops?: readonly HopJson[];
  readonly multipath?: readonly HopJson[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The gateway of a hop: RTA_GATEWAY, or RTA_VIA (a gateway of the other family). */
const gatewayOf = (h: HopJson | undefined): string | undefined => str(h?.gateway) ?? str(h?.via?.host);

/** Every route; a multipath route takes its first nexthop's gateway and device. */
export function parseIpRouteJson(text: string): Route[] {
  if (text.trim() === '') return [];
  const routes = JSON.parse(text) as unknown;
  if (!Array.isArray(routes)) throw new Error('ip -j route: expected a JSON array');
  const out: Route[] = [];
  for (const r of routes as RouteJson[]) {
    const dst = str(r?.dst);
    if (dst === undefined) continue;
    const hop = r.nexthops?.[0] ?? r.multipath?.[0];
    out.push({
      dst: toCidr(dst),
      gateway: gatewayOf(r) ?? gatewayOf(hop),
      dev: str(r.dev) ?? str(hop?.dev),
      src: str(r.prefsrc),
    });
  }
  return out;
}
