// Leaf certificates: keep what still fits, reissue the rest (a fresh key unless the entry keeps its key).

import { join } from 'node:path';
import { generatePrivateKey, issueSigned, keyBitsOf, needsReissue, readPrivateFile, readPublicFile } from 'orchestrate';
import type { CaState } from './ca.ts';
import type { CertEntry } from './catalog.ts';
import { certFile, keyFile } from './names.ts';

/** A leaf as found in the state dir, and why it must be reissued (undefined: it stays). */
export interface LeafDecision {
  readonly entry: CertEntry;
  readonly certPem: string | undefined;
  readonly keyPem: string | undefined;
  readonly reason: string | undefined;
}

/** Compares the leaf on disk with its entry, against the CA of this run. */
export function decideLeaf(
  entry: CertEntry,
  dir: string,
  ca: CaState,
  o: { now: Date; renewWindowDays: number },
): LeafDecision {
  const certPem = readPublicFile(join(dir, certFile(entry.name)));
  const keyPem = readPrivateFile(join(dir, keyFile(entry.name)));
  const decided = (reason: string | undefined): LeafDecision => ({ entry, certPem, keyPem, reason });
  if (certPem === undefined) return decided('missing');
  if (ca.newKey || ca.certPem === undefined) return decided('the CA is replaced');
  const why = needsReissue(entry.spec, certPem, ca.certPem, o.now, o.renewWindowDays, keyPem);
  return decided(why ?? (keyPem === undefined ? 'private key missing' : undefined));
}

/** Issues the leaf with the CA; the key is kept only for keepKey entries whose key is still right. */
export async function issueLeaf(
  d: LeafDecision,
  ca: { certPem: string; keyPem: string },
  now: Date,
): Promise<{ certPem: string; keyPem: string }> {
  const keyPem =
    keepsKey(d) && d.keyPem !== undefined ? d.keyPem : await generatePrivateKey(d.entry.spec.keyBits ?? 2048);
  return { certPem: issueSigned(d.entry.spec, keyPem, ca, now), keyPem };
}

/** A reissue keeps the key of a keepKey entry when the key is there and of the wanted size. */
export function keepsKey(d: LeafDecision): boolean {
  return d.entry.keepKey && d.keyPem !== undefined && keyBitsOf(d.keyPem) === (d.entry.spec.keyBits ?? 2048);
}
