// A small manifest for the status and CLI tests: one cert fine, one due for renewal, one expired.

import type { ManifestEntry, PkiManifest } from '../../../src/pki/index.ts';

/** A manifest row with the fields a test cares about. */
export function entry(name: string, notAfter: string, over: Partial<ManifestEntry> = {}): ManifestEntry {
  return {
    name,
    certFile: `${name}.pem`,
    keyFile: `${name}-key.pem`,
    subject: `CN=${name}`,
    issuer: 'CN=Kubernetes',
    sans: [],
    keyUsages: ['digitalSignature'],
    extKeyUsages: ['clientAuth'],
    serial: '40',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter,
    hosts: [],
    sha256: 'ab',
    ...over,
  };
}

export const MANIFEST: PkiManifest = {
  version: 1,
  certs: [
    entry('ca', '2035-01-01T00:00:00.000Z', { hosts: ['c0', 'w0'] }),
    entry('kubernetes', '2026-01-20T00:00:00.000Z', { sans: ['DNS:kubernetes', 'IP:10.32.0.1'], hosts: ['c0'] }),
    entry('old', '2025-12-01T00:00:00.000Z'),
  ],
};
