// Parses `ip -o addr show`, the one-line text form older iproute2 (no -j) prints.

import type { Address } from './types.ts';

// "4: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\       valid_lft ..."
const LINE = /^\d+:\s+(\S+)\s+(inet6?)\s+(\S+)(.*)$/;

/** Splits "addr/prefix" (prefix defaulting to the full length of the family). */
function splitPrefix(token: string, family: 'inet' | 'inet6'): { address: string; prefix: number | undefined } {
  const [address = '', prefix] = token.split('/');
  if (prefix === undefined) return { address, prefix: undefined };
  const n = Number(prefix);
  return { address, prefix: Number.isInteger(n) ? n : family === 'inet' ? 32 : 128 };
}

/** Every inet/inet6 address; a point-to-point "A peer B/n" address takes the peer's prefix. */
export function parseIpAddrText(text: string): Address[] {
  const out: Address[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, rawIface = '', fam = '', token = '', rest = ''] = m;
    const family = fam === 'inet6' ? 'inet6' : 'inet';
    const iface = rawIface.replace(/@.*$/, '').replace(/:$/, '');
    const own = splitPrefix(token, family);
    let prefix = own.prefix;
    const peer = /^\s+peer\s+(\S+)/.exec(rest);
    if (prefix === undefined && peer?.[1] !== undefined) prefix = splitPrefix(peer[1], family).prefix;
    out.push({ iface, family, address: own.address, prefix: prefix ?? (family === 'inet' ? 32 : 128) });
  }
  return out;
}
