// Pure known_hosts logic: parse OpenSSH's format and decide whether a presented host key is known.

import { fingerprint, keyTypeOf } from './fingerprint.ts';
import { lookupName, matchHostField } from './host-pattern.ts';

export interface KnownHostEntry {
  /** 1-based line number in the file, for messages that point at the line to fix. */
  readonly line: number;
  /** The host-names field as written: patterns, `[host]:port`, or a hashed `|1|salt|hash`. */
  readonly hosts: string;
  readonly revoked: boolean;
  readonly keyType: string;
  readonly key: Buffer;
}

export type HostKeyCheck =
  | { readonly status: 'match' }
  | { readonly status: 'unknown' }
  | {
      readonly status: 'mismatch';
      /** Fingerprints (`SHA256:...`) of the keys on record for the host. */
      readonly known: string[];
      /** known_hosts line numbers of those keys (or of the @revoked line). */
      readonly lines: number[];
      /** The presented key is listed as @revoked for this host. */
      readonly revoked: boolean;
    };

/** Parses known_hosts text; comments, blank, malformed and @cert-authority lines are skipped. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift();
      // CA lines vouch for certificates, which orchestrate does not accept as host keys.
      if (marker !== '@revoked') return;
      revoked = true;
    }
    const [hosts, keyType, b64] = fields;
    if (hosts === undefined || keyType === undefined || b64 === undefined) return;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return;
    const key = Buffer.from(b64, 'base64');
    // OpenSSH rejects lines whose declared type disagrees with the blob; so do we.
    if (keyTypeOf(key) !== keyType) return;
    entries.push({ line: i + 1, hosts, revoked, keyType, key });
  });
  return entries;
}

/** The entries whose host-names field matches host on port. */
export function entriesFor(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = lookupName(host, port);
  return entries.filter((e) => matchHostField(name, e.hosts));
}

/**
 * Checks a presented key. A host on record with other keys only (any type) is a mismatch, not
 * unknown: connect() asks for the recorded key types first, so a server that cannot show one of
 * them has changed its keys, and that must be an operator's decision.
 */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
): HostKeyCheck {
  const mine = entriesFor(entries, host, port);
  const valid = mine.filter((e) => !e.revoked);
  const revokedLine = mine.find((e) => e.revoked && e.key.equals(keyBlob));
  if (revokedLine !== undefined) {
    return {
      status: 'mismatch',
      known: valid.map((e) => fingerprint(e.key)),
      lines: [revokedLine.line],
      revoked: true,
    };
  }
  if (valid.some((e) => e.keyType === keyType && e.key.equals(keyBlob))) return { status: 'match' };
  if (valid.length === 0) return { status: 'unknown' };
  return {
    status: 'mismatch',
    known: valid.map((e) => fingerprint(e.key)),
    lines: valid.map((e) => e.line),
    revoked: false,
  };
}

/** Key types on record for the host (not revoked), in file order, without duplicates. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  return [
    ...new Set(
      entriesFor(entries, host, port)
        .filter((e) => !e.revoked)
        .map((e) => e.keyType),
    ),
  ];
}

/** One known_hosts line in the plain form OpenSSH writes (no hashing). */
export function formatKnownHost(host: string, port: number, keyType: string, keyBlob: Buffer): string {
  return `${lookupName(host, port)} ${keyType} ${keyBlob.toString('base64')}`;
}
