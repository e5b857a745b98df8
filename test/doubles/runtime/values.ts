// Shapes of flag and config values, the way Go's parsers see them: bool, ints, durations, IPs, CIDRs.

import { isIP } from 'node:net';

const GO_TRUE = ['1', 't', 'T', 'true', 'TRUE', 'True'];
const GO_FALSE = ['0', 'f', 'F', 'false', 'FALSE', 'False'];

/** strconv.ParseBool. */
export const isGoBool = (v: string): boolean => GO_TRUE.includes(v) || GO_FALSE.includes(v);

/** strconv.ParseInt (base 10 as the flags use it), within bits. */
export function isGoInt(v: string, bits = 64, unsigned = false): boolean {
  if (!(unsigned ? /^\+?\d+$/ : /^[+-]?\d+$/).test(v)) return false;
  const n = BigInt(v);
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  return n >= min && n <= max;
}

/** strconv.ParseFloat. */
export const isGoFloat = (v: string): boolean => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v);

/** time.ParseDuration: "0", or one or more number+unit pairs ("1h", "2m0s", "1.5s"). */
export const isGoDuration = (v: string): boolean =>
  v === '0' || /^[-+]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(v);

/** A duration in seconds (only for shapes isGoDuration accepted). */
export function durationSeconds(v: string): number {
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of v.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return v.startsWith('-') ? -total : total;
}

/** net.ParseIP. */
export const isIp = (v: string): boolean => isIP(v) !== 0;

/** net.ParseCIDR: address/prefix with a prefix that fits the family. */
export function isCidr(v: string): boolean {
  const [addr, prefix, ...rest] = v.split('/');
  if (rest.length > 0 || addr === undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  const family = isIP(addr);
  return family !== 0 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** host:port or a bare IP (the ipport flags of kube-proxy accept both). */
export function isIpPort(v: string): boolean {
  if (isIp(v)) return true;
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(v);
  if (!m || Number(m[3]) > 65535) return false;
  const host = m[1] ?? m[2] ?? '';
  return host === '' || isIp(host);
}

/** resource.Quantity, loosely: a number with an optional SI/binary suffix. */
export const isQuantity = (v: string): boolean =>
  /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/.test(v);

/** "N1-N2" (or "N1+N2"), N1 <= N2, both ports. */
export function isPortRange(v: string): boolean {
  const m = /^(\d{1,5})([-+])(\d{1,5})$/.exec(v);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === '+' ? lo + Number(m[3]) : Number(m[3]);
  return lo <= hi && hi <= 65535;
}

/** Comma-separated key=value pairs; with bools, each value must be a Go bool. */
export function isKeyValueList(v: string, bools = false): boolean {
  if (v === '') return true;
  return v.split(',').every((kv) => {
    const eq = kv.indexOf('=');
    return eq > 0 && (!bools || isGoBool(kv.slice(eq + 1).trim()));
  });
}

/** One or two CIDRs, comma-separated (dual stack: one of each family). */
export function isCidrList(v: string, max = 2): boolean {
  const parts = v.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.length > max || !parts.every(isCidr)) return false;
  return parts.length < 2 || isIP(parts[0]!.split('/')[0]!) !== isIP(parts[1]!.split('/')[0]!);
}

/** RFC 1123 subdomain (cluster domains, node names). */
export const isDnsSubdomain = (v: string): boolean =>
  v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v);
