// The one decision of a re-run: does the certificate on disk still fit what is wanted? Pure.

import { X509Certificate } from 'node:crypto';
import { desiredIdentity, identityOf } from './identity.ts';
import { keyMatchesCertificate } from './keys.ts';
import { memoCheck, memoKey } from './check-memo.ts';
import type { CertIdentity, CertSpec } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * Why `existingPem` must be reissued to match `desired` (signed by caPem, valid beyond the renewal
 * window, holding keyPem's public key when given), or undefined when it can stay as it is.
 */
export function needsReissue(
  desired: CertSpec,
  existingPem: string | undefined,
  caPem: string,
  now: Date,
  renewWindowDays: number,
  keyPem?: string,
): string | undefined {
  if (existingPem === undefined) return 'missing';
  let have: CertIdentity;
  try {
    have = identityOf(existingPem);
  } catch (err) {
    return `unreadable certificate (${(err as Error).message})`;
  }
  const want = desiredIdentity(desired);
  const reasons: string[] = [];
  if (!signedBy(existingPem, caPem)) reasons.push('not signed by the current CA');
  if (have.subject !== want.subject) reasons.push(`subject is "${have.subject}", want "${want.subject}"`);
  const sanChange = setChange(have.sans, want.sans);
  if (sanChange) reasons.push(`SANs ${sanChange}`);
  const kuChange = setChange(have.keyUsages, want.keyUsages);
  if (kuChange) reasons.push(`key usages ${kuChange}`);
  const ekuChange = setChange(have.extKeyUsages, want.extKeyUsages);
  if (ekuChange) reasons.push(`extended key usages ${ekuChange}`);
  if (have.isCa !== want.isCa) reasons.push(want.isCa ? 'not a CA certificate' : 'is a CA certificate');
  if (desired.keyBits !== undefined && have.keyBits !== desired.keyBits)
    reasons.push(`key is ${have.keyBits} bits, want ${desired.keyBits}`);
  if (keyPem !== undefined && !keyMatchesCertificate(keyPem, existingPem))
    reasons.push('does not match its private key');
  const expiry = expiryReason(have, now, renewWindowDays);
  if (expiry) reasons.push(expiry);
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

/** Days from now until notAfter (negative once expired), rounded down. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

function expiryReason(have: CertIdentity, now: Date, windowDays: number): string | undefined {
  const day = have.notAfter.toISOString().slice(0, 10);
  if (have.notAfter.getTime() <= now.getTime()) return `expired on ${day}`;
  if (have.notBefore.getTime() > now.getTime()) return `not valid before ${have.notBefore.toISOString()}`;
  const left = daysLeft(have.notAfter, now);
  if (have.notAfter.getTime() - now.getTime() < windowDays * DAY_MS)
    return `expires on ${day} (${left} days left, renewal window ${windowDays} days)`;
  return undefined;
}

/** The signature verifies with the CA's public key and the issuer names the CA. */
export function signedBy(certPem: string, caPem: string): boolean {
  return memoCheck(memoKey('signed-by', certPem, caPem), () => verifySignedBy(certPem, caPem));
}

function verifySignedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    const ca = new X509Certificate(caPem);
    return cert.checkIssued(ca) && cert.verify(ca.publicKey);
  } catch {
    return false;
  }
}

/** "+added -removed" between two sorted sets, or '' when they are equal. */
function setChange(have: readonly string[], want: readonly string[]): string {
  const added = want.filter((w) => !have.includes(w)).map((w) => `+${w}`);
  const removed = have.filter((h) => !want.includes(h)).map((h) => `-${h}`);
  return [...added, ...removed].join(' ');
}
