// How OpenSSH matches a host against the first field of a known_hosts line.

import { createHmac } from 'node:crypto';

/** The name known_hosts stores for a host: `host` on port 22, `[host]:port` otherwise. */
export function lookupName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Glob match with `*` (any run) and `?` (one char), case-insensitive, as OpenSSH's match_pattern. */
export function matchWildcard(name: string, pattern: string): boolean {
  const s = name.toLowerCase();
  const p = pattern.toLowerCase();
  // Iterative glob with backtracking on the last `*`: linear enough for host names.
  let si = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** True for a hashed field `|1|salt|hash` whose HMAC-SHA1(salt, name) equals hash. */
export function matchHashed(name: string, field: string): boolean {
  const parts = field.split('|');
  if (parts.length !== 4 || parts[0] !== '' || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const want = Buffer.from(parts[3] ?? '', 'base64');
  if (salt.length === 0 || want.length !== 20) return false;
  return createHmac('sha1', salt).update(name.toLowerCase()).digest().equals(want);
}

/**
 * Matches a host-names field: hashed, or a comma list where a matching `!pattern` vetoes the
 * whole line (OpenSSH's match_hostname semantics).
 */
export function matchHostField(name: string, field: string): boolean {
  if (field.startsWith('|')) return matchHashed(name, field);
  let positive = false;
  for (const pattern of field.split(',')) {
    if (pattern === '') continue;
    if (pattern.startsWith('!')) {
      if (matchWildcard(name, pattern.slice(1))) return false;
    } else if (matchWildcard(name, pattern)) positive = true;
  }
  return positive;
}
