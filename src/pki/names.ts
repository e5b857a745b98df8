// Canonical text for subjects and SANs, so a spec and a parsed certificate compare as strings.

import { isIP } from 'node:net';
import type { CertSpec, Subject } from './types.ts';

/** RFC 4514 escaping of one attribute value (commas, plus signs, quotes, a leading # or space...). */
export function escapeDnValue(value: string): string {
  return value
    .replace(/([\\,+"<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** "CN=..., O=..., OU=..., L=..., ST=..., C=..." with O values sorted (they are a set of groups). */
export function formatSubject(s: Subject, extra: readonly string[] = []): string {
  const parts = [`CN=${escapeDnValue(s.commonName)}`];
  for (const o of [...(s.organizations ?? [])].sort()) parts.push(`O=${escapeDnValue(o)}`);
  if (s.organizationalUnit) parts.push(`OU=${escapeDnValue(s.organizationalUnit)}`);
  if (s.locality) parts.push(`L=${escapeDnValue(s.locality)}`);
  if (s.state) parts.push(`ST=${escapeDnValue(s.state)}`);
  if (s.country) parts.push(`C=${escapeDnValue(s.country)}`);
  return [...parts, ...extra].join(', ');
}

/** An IP address in one spelling (IPv6 compressed, lower case); undefined when it is not an IP. */
export function normalizeIp(value: string): string | undefined {
  const v = value.trim();
  if (isIP(v) === 4)
    return v
      .split('.')
      .map((n) => String(Number(n)))
      .join('.');
  if (isIP(v) === 6) return new URL(`http://[${v}]/`).hostname.slice(1, -1);
  return undefined;
}

/** The SAN set of a spec: sorted, deduplicated, "DNS:name" and "IP:address". */
export function specSans(spec: Pick<CertSpec, 'dnsNames' | 'ipAddresses'>): string[] {
  const out = new Set<string>();
  for (const d of spec.dnsNames ?? []) out.add(`DNS:${d.toLowerCase()}`);
  for (const ip of spec.ipAddresses ?? []) out.add(`IP:${normalizeIp(ip) ?? ip}`);
  return [...out].sort();
}

/** Splits mixed names and addresses into the two SAN kinds (an address that parses as an IP is an IP). */
export function splitHosts(values: readonly string[]): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const v of values) {
    const ip = normalizeIp(v);
    if (ip !== undefined) {
      if (!ipAddresses.includes(ip)) ipAddresses.push(ip);
    } else if (!dnsNames.includes(v)) dnsNames.push(v);
  }
  return { dnsNames, ipAddresses };
}
