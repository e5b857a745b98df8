// Pure IPv4 and CIDR arithmetic: parsing, containment, overlap, subnetting. No I/O, no throws.

/** A parsed IPv4 network: its first address as a 32-bit unsigned number and its prefix length. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** A dotted-quad IPv4 address as an unsigned 32-bit number; undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** True when text is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

/** An unsigned 32-bit number as a dotted quad. */
export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Number of addresses in a prefix (2^(32-prefix)). */
export function cidrSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Why a CIDR string is not a network, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!m) return 'expected ADDRESS/PREFIX, e.g. 10.200.0.0/16';
  const ip = parseIpv4(m[1]!);
  if (ip === undefined) return `${m[1]} is not an IPv4 address`;
  const prefix = Number(m[2]);
  if (prefix > 32) return `prefix /${prefix} is longer than 32`;
  const size = cidrSize(prefix);
  if (ip % size !== 0) return `host bits are set: the network is ${formatIpv4(ip - (ip % size))}/${prefix}`;
  return undefined;
}

/** A CIDR string parsed; undefined when malformed or when host bits are set (see cidrProblem). */
export function parseCidr(text: string): Cidr | undefined {
  if (cidrProblem(text) !== undefined) return undefined;
  const [ip, prefix] = text.split('/');
  return { base: parseIpv4(ip!)!, prefix: Number(prefix) };
}

/** A parsed CIDR as text. */
export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.base)}/${c.prefix}`;
}

/** Last address of the network (its broadcast address). */
export function lastAddress(c: Cidr): number {
  return c.base + cidrSize(c.prefix) - 1;
}

/** True when the address lies inside the network. */
export function containsIp(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip <= lastAddress(c);
}

/** True when inner lies entirely inside outer. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && containsIp(outer, inner.base);
}

/** True when two networks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

/** The n-th address of a network (0 = the network address); undefined past its end. */
export function nthAddress(c: Cidr, n: number): number | undefined {
  return n >= 0 && n < cidrSize(c.prefix) ? c.base + n : undefined;
}

/** How many subnets of length `prefix` fit in c (0 when prefix is shorter than c's). */
export function subnetCount(c: Cidr, prefix: number): number {
  return prefix < c.prefix || prefix > 32 ? 0 : 2 ** (prefix - c.prefix);
}

/** The index-th subnet of length `prefix` inside c; undefined when out of range. */
export function subnet(c: Cidr, prefix: number, index: number): Cidr | undefined {
  if (index < 0 || index >= subnetCount(c, prefix)) return undefined;
  return { base: c.base + index * cidrSize(prefix), prefix };
}
