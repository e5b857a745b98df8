// PEM files as the real binaries load them: certificates, private keys, CAs; pairs must match.

import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { DoubleError } from './fail.ts';

/** A file's text; a clear error when it is missing, a directory or unreadable. */
export function readText(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new DoubleError(`open ${path}: no such file or directory`);
  }
  if (st.isDirectory()) throw new DoubleError(`read ${path}: is a directory`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new DoubleError(`read ${path}: ${(e as Error).message}`);
  }
}

/** The PEM blocks of a text, with their types. */
export function pemBlocks(text: string): { type: string; pem: string }[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
  return [...text.matchAll(re)].map((m) => ({ type: m[1]!, pem: m[0] }));
}

/** Every certificate of a PEM text (a bundle is fine); at least one, each parses. */
export function parseCerts(text: string, what: string): X509Certificate[] {
  const blocks = pemBlocks(text).filter((b) => b.type === 'CERTIFICATE');
  if (blocks.length === 0) throw new DoubleError(`${what}: data does not contain any valid RSA or ECDSA certificates`);
  return blocks.map((b) => {
    try {
      return new X509Certificate(b.pem);
    } catch (e) {
      throw new DoubleError(`${what}: failed to parse certificate: ${(e as Error).message}`);
    }
  });
}

/** The private key of a PEM text (PKCS#1, PKCS#8 or SEC1). */
export function parseKey(text: string, what: string): KeyObject {
  const block = pemBlocks(text).find((b) => /PRIVATE KEY$/.test(b.type));
  if (block === undefined) throw new DoubleError(`${what}: data does not contain a private key`);
  try {
    return createPrivateKey(block.pem);
  } catch (e) {
    throw new DoubleError(`${what}: failed to parse private key: ${(e as Error).message}`);
  }
}

/** Fails for a certificate outside its validity period. */
export function checkValidity(cert: X509Certificate, what: string, now = new Date()): void {
  if (new Date(cert.validFrom) > now)
    throw new DoubleError(`${what}: certificate is not valid before ${cert.validFrom}`);
  if (new Date(cert.validTo) < now) throw new DoubleError(`${what}: certificate has expired (${cert.validTo})`);
}

/** A serving or client certificate file and its key file: both parse, they match, the cert is valid. */
export function loadPair(
  certPath: string,
  keyPath: string,
): { cert: X509Certificate; chain: X509Certificate[]; key: KeyObject; certPem: string; keyPem: string } {
  const certPem = readText(certPath);
  const keyPem = readText(keyPath);
  const chain = parseCerts(certPem, certPath);
  const key = parseKey(keyPem, keyPath);
  const cert = chain[0]!;
  if (!cert.checkPrivateKey(key))
    throw new DoubleError(`tls: private key ${keyPath} does not match public key in ${certPath}`);
  checkValidity(cert, certPath);
  return { cert, chain, key, certPem, keyPem };
}

/** A CA bundle file: every certificate parses and is a CA (basicConstraints CA:TRUE). */
export function loadCa(path: string): { certs: X509Certificate[]; pem: string } {
  const pem = readText(path);
  const certs = parseCerts(pem, path);
  for (const c of certs) {
    if (!c.ca)
      throw new DoubleError(
        `${path}: certificate ${c.subject.replace(/\n/g, ', ')} is not a CA (basicConstraints CA:FALSE)`,
      );
    checkValidity(c, path);
  }
  return { certs, pem };
}

/** Fails unless cert was issued and signed by one of the CAs. */
export function checkSignedBy(
  cert: X509Certificate,
  cas: readonly X509Certificate[],
  what: string,
  caWhat: string,
): void {
  const ok = cas.some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
  if (!ok) {
    const issuer = cert.issuer.replace(/\n/g, ', ');
    throw new DoubleError(
      `${what}: x509: certificate signed by unknown authority (issuer "${issuer}" is not in ${caWhat})`,
    );
  }
}

/** Public keys of a PEM file that may hold public keys, private keys or certificates (service-account-key-file). */
export function loadPublicKeys(path: string): KeyObject[] {
  const text = readText(path);
  const keys: KeyObject[] = [];
  for (const b of pemBlocks(text)) {
    try {
      if (b.type === 'CERTIFICATE') keys.push(new X509Certificate(b.pem).publicKey);
      else if (/PRIVATE KEY$/.test(b.type)) keys.push(createPublicKey(createPrivateKey(b.pem)));
      else if (/PUBLIC KEY$/.test(b.type)) keys.push(createPublicKey(b.pem));
    } catch (e) {
      throw new DoubleError(`${path}: failed to parse ${b.type}: ${(e as Error).message}`);
    }
  }
  if (keys.length === 0) throw new DoubleError(`${path}: data does not contain any valid RSA or ECDSA public keys`);
  return keys;
}

/** True when two keys are the same public key. */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  const der = (k: KeyObject): Buffer =>
    (k.type === 'private' ? createPublicKey(k) : k).export({ type: 'spki', format: 'der' });
  return der(a).equals(der(b));
}
