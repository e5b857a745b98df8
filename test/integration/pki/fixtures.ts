// Shared test material: one CA and a few keys, made once per mocha process (RSA 2048 is slow-ish).

import { generatePrivateKeySync, issueSelfSigned } from '../../../src/pki/index.ts';
import type { CertSpec, Issuer } from '../../../src/pki/index.ts';

export const NOW = new Date('2026-01-15T12:00:00Z');

export const CA_SPEC: CertSpec = {
  subject: { commonName: 'Test CA', organizations: ['Test'], organizationalUnit: 'CA', country: 'US' },
  isCa: true,
  keyUsages: ['keyCertSign', 'cRLSign'],
  validityDays: 3650,
  keyBits: 2048,
};

export const LEAF_SPEC: CertSpec = {
  subject: { commonName: 'system:node:worker-0', organizations: ['system:nodes'], country: 'US', state: 'Oregon' },
  dnsNames: ['worker-0'],
  ipAddresses: ['10.240.0.20', '127.0.0.1'],
  keyUsages: ['digitalSignature', 'keyEncipherment'],
  extKeyUsages: ['serverAuth', 'clientAuth'],
  validityDays: 365,
  keyBits: 2048,
};

const keys: string[] = [];
/** The i-th shared RSA 2048 key (made on first use). */
export function key(i: number): string {
  while (keys.length <= i) keys.push(generatePrivateKeySync(2048));
  return keys[i]!;
}

let ca: Issuer | undefined;
let otherCa: Issuer | undefined;
/** The shared test CA (key 0). */
export function testCa(): Issuer {
  ca ??= { keyPem: key(0), certPem: issueSelfSigned(CA_SPEC, key(0), NOW) };
  return ca;
}
/** A second CA with the same subject but another key (key 1): "issued by another CA". */
export function otherTestCa(): Issuer {
  otherCa ??= { keyPem: key(1), certPem: issueSelfSigned(CA_SPEC, key(1), NOW) };
  return otherCa;
}
