// Parses `ip route show` text; multipath nexthops arrive on indented continuation lines.

import type { Route } from './types.ts';
import { toCidr } from './cidr.ts';

// Route types iproute2 prints before the destination when they are not "unicast".
const TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'multicast',
  'throw',
  'unreachable',
  'prohibit',
  'blackhole',
  'nat',
  'anycast',
]);

interface Hop {
  gateway: string | undefined;
  dev: string | undefined;
  src: string | undefined;
}

/** Reads "via [inet|inet6] X", "dev X" and "src X" out of a token list. */
function readHop(tokens: readonly string[]): Hop {
  const hop: Hop = { gateway: undefined, dev: undefined, src: undefined };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'via') {
      const next = tokens[i + 1];
      hop.gateway = next === 'inet' || next === 'inet6' ? tokens[i + 2] : next;
    } else if (t === 'dev') hop.dev = tokens[i + 1];
    else if (t === 'src') hop.src = tokens[i + 1];
  }
  return hop;
}

/** Every route; a multipath route takes its first nexthop's gateway and device. */
export function parseIpRouteText(text: string): Route[] {
  const out: Route[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const tokens = line.trim().split(/\s+/);
    const last = out[out.length - 1];
    if (/^\s/.test(line) && tokens[0] === 'nexthop') {
      if (last === undefined || last.gateway !== undefined || last.dev !== undefined) continue;
      const hop = readHop(tokens.slice(1));
      out[out.length - 1] = { ...last, gateway: hop.gateway, dev: hop.dev };
      continue;
    }
    if (/^\s/.test(line)) continue;
    const start = TYPES.has(tokens[0] ?? '') ? 1 : 0;
    const dst = tokens[start];
    if (dst === undefined) continue;
    const hop = readHop(tokens.slice(start + 1));
    out.push({ dst: toCidr(dst), gateway: hop.gateway, dev: hop.dev, src: hop.src });
  }
  return out;
}
