// The manifest rows: each certificate's identity, files and the hosts it (or a file embedding it) goes to.

import { identityOf, type ManifestEntry } from 'orchestrate';
import type { CertEntry } from './catalog.ts';
import { certFile, keyFile } from './names.ts';
import type { Placement } from './placements.ts';
import { certsIn } from './placements.ts';

/** One row per catalog entry that has a certificate, in catalog order. */
export function manifestEntries(
  catalog: readonly CertEntry[],
  certs: ReadonlyMap<string, string>,
  placements: readonly Placement[],
): ManifestEntry[] {
  return catalog.flatMap((e) => {
    const pem = certs.get(e.name);
    if (pem === undefined) return [];
    const id = identityOf(pem);
    const hosts = [...new Set(placements.filter((p) => certsIn(p.source).includes(e.name)).map((p) => p.host))].sort();
    return [
      {
        name: e.name,
        certFile: certFile(e.name),
        keyFile: keyFile(e.name),
        subject: id.subject,
        issuer: id.issuer,
        sans: id.sans,
        keyUsages: id.keyUsages,
        extKeyUsages: id.extKeyUsages,
        serial: id.serial,
        notBefore: id.notBefore.toISOString(),
        notAfter: id.notAfter.toISOString(),
        hosts,
        sha256: id.fingerprint,
      },
    ];
  });
}
