// Which nameserver addresses are this host itself: a pod given one of them asks its own node, or CoreDNS itself.

import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 (any spelling), IPv4-mapped loopback, and 0.0.0.0 (resolvers treat it as "this host"). */
export function isLoopbackNameserver(ip: string): boolean {
  const addr = ip.replace(/%.*$/, '');
  if (isIP(addr) === 4) return addr.startsWith('127.') || addr === '0.0.0.0';
  if (isIP(addr) !== 6) return false;
  const host = new URL(`http://[${addr}]/`).hostname.slice(1, -1); // WHATWG URL prints the canonical form
  return host === '::1' || host === '::' || /^::ffff:7f[0-9a-f]{2}:/.test(host);
}
