// Certificates built with node-forge and signed with node:crypto: spec + key (+ CA) in, PEM out.

import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import type Forge from 'node-forge';
import { forge } from './forge.ts';
import { OrchestrateError } from '../errors.ts';
import { publicKeyPemOf } from './keys.ts';
import { normalizeIp } from './names.ts';
import type { CertSpec, Issuer, Subject } from './types.ts';

const DAY_MS = 86_400_000;
/** notBefore is set this far back, so a host whose clock lags a little still accepts a fresh cert. */
export const BACKDATE_MS = 60 * 60 * 1000;

/** Self-signs a CA certificate with its own key. */
export function issueSelfSigned(spec: CertSpec, keyPem: string, now: Date): string {
  return build(spec, keyPem, undefined, now);
}

/** Issues a certificate for keyPem's public key, signed by the issuer. */
export function issueSigned(spec: CertSpec, keyPem: string, issuer: Issuer, now: Date): string {
  return build(spec, keyPem, issuer, now);
}

function build(spec: CertSpec, keyPem: string, issuer: Issuer | undefined, now: Date): string {
  if (!(spec.validityDays > 0))
    throw new OrchestrateError('PLAYBOOK_INVALID', `certificate ${spec.subject.commonName}: validityDays must be > 0`);
  const cert = forge().pki.createCertificate();
  cert.publicKey = forge().pki.publicKeyFromPem(publicKeyPemOf(keyPem));
  cert.serialNumber = randomSerial();
  const start = Math.floor(now.getTime() / 1000) * 1000;
  cert.validity.notBefore = new Date(start - BACKDATE_MS);
  cert.validity.notAfter = new Date(start + spec.validityDays * DAY_MS);
  cert.setSubject(subjectAttributes(spec.subject));
  const ca = issuer === undefined ? undefined : forge().pki.certificateFromPem(issuer.certPem);
  cert.setIssuer(ca === undefined ? cert.subject.attributes : ca.subject.attributes);
  cert.setExtensions(extensions(spec, ca));
  return signWithNode(cert, issuer === undefined ? keyPem : issuer.keyPem);
}

/** 16 random bytes, top bit clear (positive) and the next set (minimal DER, never a leading zero). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** DN attributes in cfssl's order: C, ST, L, O..., OU, CN; UTF8String except the country. */
function subjectAttributes(s: Subject): Forge.pki.CertificateField[] {
  const utf8 = (shortName: string, value: string): DnAttribute => ({
    shortName,
    value,
    valueTagClass: forge().asn1.Type.UTF8,
  });
  const out: DnAttribute[] = [];
  if (s.country) out.push({ shortName: 'C', value: s.country, valueTagClass: forge().asn1.Type.PRINTABLESTRING });
  if (s.state) out.push(utf8('ST', s.state));
  if (s.locality) out.push(utf8('L', s.locality));
  for (const o of s.organizations ?? []) out.push(utf8('O', o));
  if (s.organizationalUnit) out.push(utf8('OU', s.organizationalUnit));
  out.push(utf8('CN', s.commonName));
  return out as unknown as Forge.pki.CertificateField[];
}

/** forge's typings call the tag a Class; at run time it is the string type (UTF8String, PrintableString). */
interface DnAttribute {
  readonly shortName: string;
  readonly value: string;
  readonly valueTagClass: Forge.asn1.Type;
}

function extensions(spec: CertSpec, ca: Forge.pki.Certificate | undefined): object[] {
  const ku = new Set(spec.keyUsages);
  const eku = new Set(spec.extKeyUsages ?? []);
  const exts: object[] = [
    { name: 'basicConstraints', cA: spec.isCa === true, critical: true },
    {
      name: 'keyUsage',
      critical: true,
      digitalSignature: ku.has('digitalSignature'),
      keyEncipherment: ku.has('keyEncipherment'),
      keyCertSign: ku.has('keyCertSign'),
      cRLSign: ku.has('cRLSign'),
    },
  ];
  if (eku.size > 0)
    exts.push({ name: 'extKeyUsage', serverAuth: eku.has('serverAuth'), clientAuth: eku.has('clientAuth') });
  const altNames = [
    ...(spec.dnsNames ?? []).map((value) => ({ type: 2, value })),
    ...(spec.ipAddresses ?? []).map((ip) => ({ type: 7, ip: normalizeIp(ip) ?? badIp(ip) })),
  ];
  if (altNames.length > 0) exts.push({ name: 'subjectAltName', altNames });
  exts.push({ name: 'subjectKeyIdentifier' });
  exts.push({ name: 'authorityKeyIdentifier', keyIdentifier: ca === undefined ? true : subjectKeyId(ca) });
  return exts;
}

/** The CA's own SKI extension when it has one, else the SHA-1 of its public key (RFC 5280 method 1). */
function subjectKeyId(ca: Forge.pki.Certificate): string {
  const ext = ca.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  if (ext?.subjectKeyIdentifier) return forge().util.hexToBytes(ext.subjectKeyIdentifier);
  return ca.generateSubjectKeyIdentifier().getBytes();
}

function badIp(ip: string): never {
  throw new OrchestrateError('PLAYBOOK_INVALID', `"${ip}" is not an IP address and cannot be an IP SAN`, {
    fix: 'put host names in dnsNames and addresses in ipAddresses',
  });
}

/** Untyped in @types/node-forge: the TBSCertificate that cert.sign() would sign. */
interface ForgeTbs {
  getTBSCertificate(cert: Forge.pki.Certificate): Forge.asn1.Asn1;
}

/** sha256WithRSAEncryption over the DER TBSCertificate, computed by OpenSSL through node:crypto. */
function signWithNode(cert: Forge.pki.Certificate, signerKeyPem: string): string {
  const oid = forge().pki.oids['sha256WithRSAEncryption']!;
  const c = cert as Forge.pki.Certificate & { siginfo: { algorithmOid: string }; tbsCertificate: Forge.asn1.Asn1 };
  c.signatureOid = oid;
  c.siginfo.algorithmOid = oid;
  c.tbsCertificate = (forge().pki as unknown as ForgeTbs).getTBSCertificate(cert);
  const tbs = Buffer.from(forge().asn1.toDer(c.tbsCertificate).getBytes(), 'binary');
  c.signature = sign('sha256', tbs, createPrivateKey(signerKeyPem)).toString('binary');
  return forge().pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}
