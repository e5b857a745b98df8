// An existing certificate read back into a comparable identity (subject, SANs, usages, issuer, dates).

import { createHash, X509Certificate } from 'node:crypto';
import type Forge from 'node-forge';
import { forge } from './forge.ts';
import { memoIdentity, memoKey } from './check-memo.ts';
import { formatSubject, normalizeIp, specSans } from './names.ts';
import type { CertIdentity, CertSpec, ExtKeyUsage, KeyUsage, Subject } from './types.ts';

const KEY_USAGES: readonly KeyUsage[] = ['cRLSign', 'digitalSignature', 'keyCertSign', 'keyEncipherment'];
const EXT_KEY_USAGES: readonly ExtKeyUsage[] = ['clientAuth', 'serverAuth'];
const KNOWN = new Set(['CN', 'O', 'OU', 'C', 'ST', 'L']);

interface ParsedExtension {
  name?: string;
  cA?: boolean;
  altNames?: { type: number; value: string; ip?: string }[];
  [flag: string]: unknown;
}

/** Parses a PEM certificate (remembered by its sha256: check-memo.ts); throws on anything that is not one. */
export function identityOf(certPem: string): CertIdentity {
  return memoIdentity(memoKey('identity', certPem), () => parseIdentity(certPem));
}

function parseIdentity(certPem: string): CertIdentity {
  const x509 = new X509Certificate(certPem);
  const cert = forge().pki.certificateFromPem(certPem);
  const exts = cert.extensions as ParsedExtension[];
  const ext = (name: string) => exts.find((e) => e.name === name);
  const ku = ext('keyUsage');
  const eku = ext('extKeyUsage');
  const san = ext('subjectAltName');
  return {
    subject: dnOf(cert.subject.attributes),
    issuer: dnOf(cert.issuer.attributes),
    sans: sansOf(san?.altNames ?? []),
    keyUsages: KEY_USAGES.filter((u) => ku?.[u] === true),
    extKeyUsages: EXT_KEY_USAGES.filter((u) => eku?.[u] === true),
    isCa: ext('basicConstraints')?.cA === true,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    serial: x509.serialNumber.toLowerCase(),
    keyBits: x509.publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
    fingerprint: createHash('sha256').update(x509.raw).digest('hex'),
  };
}

/** The identity a spec asks for, in the same canonical form (dates and serial are not part of it). */
export function desiredIdentity(
  spec: CertSpec,
): Pick<CertIdentity, 'subject' | 'sans' | 'keyUsages' | 'extKeyUsages' | 'isCa'> {
  return {
    subject: formatSubject(spec.subject),
    sans: specSans(spec),
    keyUsages: KEY_USAGES.filter((u) => spec.keyUsages.includes(u)),
    extKeyUsages: EXT_KEY_USAGES.filter((u) => (spec.extKeyUsages ?? []).includes(u)),
    isCa: spec.isCa === true,
  };
}

/** Canonical DN of forge attributes; attributes this PKI never sets are kept (so they count as a difference). */
function dnOf(attrs: Forge.pki.CertificateField[]): string {
  const pick = (n: string) => attrs.filter((a) => a.shortName === n).map((a) => String(a.value));
  const subject: Subject = {
    commonName: pick('CN')[0] ?? '',
    organizations: pick('O'),
    organizationalUnit: pick('OU')[0],
    country: pick('C')[0],
    state: pick('ST')[0],
    locality: pick('L')[0],
  };
  const extra = attrs
    .filter((a) => !KNOWN.has(a.shortName ?? '') || (a.shortName !== 'O' && pick(a.shortName!).length > 1))
    .map((a) => `${a.shortName ?? a.type}=${String(a.value)}`);
  return formatSubject(subject, extra);
}

function sansOf(altNames: { type: number; value: string; ip?: string }[]): string[] {
  const out = new Set<string>();
  for (const n of altNames) {
    if (n.type === 2) out.add(`DNS:${n.value.toLowerCase()}`);
    else if (n.type === 7 && n.ip) out.add(`IP:${normalizeIp(n.ip) ?? n.ip}`);
    else out.add(`other(${n.type}):${n.value}`);
  }
  return [...out].sort();
}
