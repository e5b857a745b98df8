// <stateDir>/pki/manifest.json: the index of issued certificates that `orchestrate pki status` reads.

import { join } from 'node:path';
import { OrchestrateError } from '../errors.ts';
import { PUBLIC_FILE_MODE, readPublicFile, writeFileIfChanged } from './pem-store.ts';

/** One certificate: its files in the pki dir, what it says, and where it goes. */
export interface ManifestEntry {
  readonly name: string;
  readonly certFile: string;
  /** undefined for a certificate whose key is not kept (none today; a CA imported without its key). */
  readonly keyFile: string | undefined;
  readonly subject: string;
  readonly issuer: string;
  readonly sans: readonly string[];
  readonly keyUsages: readonly string[];
  readonly extKeyUsages: readonly string[];
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Hosts the certificate (or a file embedding it) is placed on, sorted. */
  readonly hosts: readonly string[];
  /** sha256 hex of the DER certificate. */
  readonly sha256: string;
}

/** The whole manifest: a version for future changes, the certificates in catalog order. */
export interface PkiManifest {
  readonly version: 1;
  readonly certs: readonly ManifestEntry[];
}

/** Where the manifest lives in a state dir. */
export function manifestPath(stateDir: string): string {
  return join(stateDir, 'pki', 'manifest.json');
}

/** Stable JSON (fixed key order, trailing newline): the same PKI gives the same bytes. */
export function renderManifest(m: PkiManifest): string {
  const certs = m.certs.map((c) => ({
    name: c.name,
    certFile: c.certFile,
    keyFile: c.keyFile ?? null,
    subject: c.subject,
    issuer: c.issuer,
    sans: c.sans,
    keyUsages: c.keyUsages,
    extKeyUsages: c.extKeyUsages,
    serial: c.serial,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    hosts: c.hosts,
    sha256: c.sha256,
  }));
  return JSON.stringify({ version: 1, certs }, null, 2) + '\n';
}

/** Writes the manifest unless its bytes are unchanged; true when written. */
export function writeManifest(stateDir: string, m: PkiManifest): boolean {
  return writeFileIfChanged(manifestPath(stateDir), renderManifest(m), PUBLIC_FILE_MODE);
}

/** Reads the manifest; STATE_DIR_INVALID when there is none or it cannot be parsed. */
export function readManifest(stateDir: string): PkiManifest {
  const path = manifestPath(stateDir);
  const text = readPublicFile(path);
  if (text === undefined)
    throw new OrchestrateError('STATE_DIR_INVALID', `no PKI in ${stateDir} (${path} does not exist)`, {
      fix: 'run the playbook that issues the PKI once (in its prepare step), or pass the right -i / --state-dir',
    });
  try {
    const raw = JSON.parse(text) as { version?: unknown; certs?: unknown };
    if (raw.version !== 1 || !Array.isArray(raw.certs)) throw new Error('expected {"version": 1, "certs": [...]}');
    const certs = (raw.certs as Record<string, unknown>[]).map((c) => ({
      ...(c as unknown as ManifestEntry),
      keyFile: typeof c['keyFile'] === 'string' ? c['keyFile'] : undefined,
    }));
    return { version: 1, certs };
  } catch (err) {
    throw new OrchestrateError('STATE_DIR_INVALID', `${path} cannot be parsed: ${(err as Error).message}`, {
      fix: 'restore it from a backup, or delete it and re-run the playbook (it is rebuilt from the certificates)',
      cause: err,
    });
  }
}
