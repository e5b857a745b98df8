// Certificates and kubeconfigs for exercising the doubles (unit and e2e tests): a CA, leaves, broken variants.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import { stringify } from 'yaml';

/** A key and its certificate, PEM. */
export interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What a test certificate should be. */
export interface LeafSpec {
  readonly cn: string;
  readonly orgs?: readonly string[];
  readonly sans?: readonly string[];
  readonly usage?: 'server' | 'client' | 'both';
  /** Days relative to now; negative = already expired. */
  readonly days?: number;
}

/** A fresh RSA key (PKCS#1 PEM: forge reads it). */
export function newKey(bits = 2048): string {
  return generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).privateKey;
}

function certificate(spec: LeafSpec & { ca: boolean }, keyPem: string, issuer?: Pem): string {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const days = spec.days ?? 365;
  const now = Date.now();
  cert.validity.notBefore = new Date(days < 0 ? now + (days - 1) * 86_400_000 : now - 3600_000);
  cert.validity.notAfter = new Date(now + days * 86_400_000);
  const subject = [
    ...(spec.orgs ?? []).map((o) => ({ name: 'organizationName', value: o })),
    { name: 'commonName', value: spec.cn },
  ];
  cert.setSubject(subject);
  const ca = issuer ? forge.pki.certificateFromPem(issuer.certPem) : undefined;
  cert.setIssuer(ca ? ca.subject.attributes : subject);
  const usage = spec.usage ?? 'both';
  const exts: object[] = [
    { name: 'basicConstraints', cA: spec.ca, critical: true },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: !spec.ca,
      keyCertSign: spec.ca,
      cRLSign: spec.ca,
      critical: true,
    },
  ];
  if (!spec.ca) exts.push({ name: 'extKeyUsage', serverAuth: usage !== 'client', clientAuth: usage !== 'server' });
  if (spec.sans?.length)
    exts.push({
      name: 'subjectAltName',
      altNames: spec.sans.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    });
  cert.setExtensions(exts);
  cert.sign(issuer ? forge.pki.privateKeyFromPem(issuer.keyPem) : key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** A self-signed CA. */
export function makeCa(cn = 'orchestrate-test-ca', days = 3650): Pem {
  const keyPem = newKey();
  return { certPem: certificate({ cn, ca: true, days }, keyPem), keyPem };
}

/** A leaf signed by ca. */
export function issue(ca: Pem, spec: LeafSpec): Pem {
  const keyPem = newKey();
  return { certPem: certificate({ ...spec, ca: false }, keyPem, ca), keyPem };
}

/** A kubeconfig with everything embedded, as KTHW writes them. */
export function kubeconfigYaml(server: string, ca: Pem, client: Pem, user = 'user'): string {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubernetes-the-hard-way', cluster: { 'certificate-authority-data': b64(ca.certPem), server } }],
    users: [
      { name: user, user: { 'client-certificate-data': b64(client.certPem), 'client-key-data': b64(client.keyPem) } },
    ],
    contexts: [{ name: 'default', context: { cluster: 'kubernetes-the-hard-way', user } }],
    'current-context': 'default',
  });
}

/** An EncryptionConfiguration with a 32-byte aescbc key (or `bytes` bytes). */
export function encryptionConfigYaml(bytes = 32): string {
  return stringify({
    kind: 'EncryptionConfiguration',
    apiVersion: 'apiserver.config.k8s.io/v1',
    resources: [
      {
        resources: ['secrets'],
        providers: [
          { aescbc: { keys: [{ name: 'key1', secret: randomBytes(bytes).toString('base64') }] } },
          { identity: {} },
        ],
      },
    ],
  });
}
