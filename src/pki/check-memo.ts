// The PKI checks of a re-run (identity, issuer signature, key match) are pure functions of the PEMs they
// read, so their results are remembered by the sha256 of those PEMs, in memory and, between runs, in a
// file of the state dir: a no-op run then parses no certificate and loads no ASN.1 library at all.

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CertIdentity } from './types.ts';

type Stored = Omit<CertIdentity, 'notBefore' | 'notAfter'> & { notBefore: string; notAfter: string };

interface Memo {
  identity: Record<string, Stored>;
  checks: Record<string, boolean>;
}

let memo: Memo = { identity: {}, checks: {} };
/** Keys used by this process: what a save keeps (entries of certificates no longer on disk fall away). */
const used = new Set<string>();
let dirty = false;

/** sha256 of the inputs, each length-prefixed so no two input lists share a key. */
export function memoKey(kind: string, ...inputs: readonly string[]): string {
  const h = createHash('sha256').update(kind);
  for (const i of inputs) h.update(`\0${i.length}\0`).update(i);
  return h.digest('hex');
}

/** A remembered identity of the certificate `key`, or computes and remembers it. */
export function memoIdentity(key: string, compute: () => CertIdentity): CertIdentity {
  used.add(key);
  const s = memo.identity[key];
  if (s) return { ...s, notBefore: new Date(s.notBefore), notAfter: new Date(s.notAfter) };
  const id = compute();
  memo.identity[key] = { ...id, notBefore: id.notBefore.toISOString(), notAfter: id.notAfter.toISOString() };
  dirty = true;
  return id;
}

/** A remembered yes/no check, or computes and remembers it. */
export function memoCheck(key: string, compute: () => boolean): boolean {
  used.add(key);
  const s = memo.checks[key];
  if (s !== undefined) return s;
  const r = compute();
  memo.checks[key] = r;
  dirty = true;
  return r;
}

/** Loads what earlier runs remembered (a missing or unreadable file remembers nothing). */
export function loadCheckMemo(path: string): void {
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Memo>;
    memo = {
      identity: { ...m.identity, ...memo.identity },
      checks: { ...m.checks, ...memo.checks },
    };
  } catch {
    // nothing remembered yet
  }
}

/** Writes the memo atomically when something new was learnt, keeping the entries this process used. */
export function saveCheckMemo(path: string): void {
  if (!dirty) return;
  const keep = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([k]) => used.has(k)));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify({ identity: keep(memo.identity), checks: keep(memo.checks) }), { mode: 0o600 });
  renameSync(tmp, path);
  dirty = false;
}
