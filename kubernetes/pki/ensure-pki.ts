// ensurePki: the PKI of a cluster model in the state dir, issued once and kept byte-identical on re-runs.

import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ClusterModel } from '../cluster/model-types.ts';
import {
  ensurePrivateDir,
  loadCheckMemo,
  saveCheckMemo,
  PRIVATE_FILE_MODE,
  PUBLIC_FILE_MODE,
  writeFileIfChanged,
  writeManifest,
} from 'orchestrate';
import { resolveCa } from './ca.ts';
import { pkiCatalog } from './catalog.ts';
import { ENCRYPTION_KEY_FILE, ensureEncryptionKey } from './encryption.ts';
import { decideLeaf, issueLeaf, keepsKey } from './leaves.ts';
import { manifestEntries } from './manifest-entries.ts';
import { CERT, certFile, keyFile, pkiDir } from './names.ts';
import { setPending } from './pending.ts';
import { allPlacements } from './placements.ts';
import { writeAdminKubeconfig } from './admin-kubeconfig.ts';

/** Results of the pure certificate checks of earlier runs, by the sha256 of the PEMs (src/pki/check-memo.ts). */
const checkMemoPath = (stateDir: string): string => join(stateDir, 'cache', 'pki-checks.json');

/** Knobs of ensurePki; every one has a default. */
export interface PkiOptions {
  /** Compute and report only: nothing is written (default false). */
  readonly check?: boolean;
  /** Replace the CA (new key) and so reissue every certificate (default false). */
  readonly rotateCa?: boolean;
  /** Reissue a leaf that expires within this many days (default 30). */
  readonly renewWindowDays?: number;
  /** Lifetime of a new CA (default 3650 days). */
  readonly caValidityDays?: number;
  /** Lifetime of a new leaf (default 365 days). */
  readonly leafValidityDays?: number;
  /** The clock (tests). */
  readonly now?: Date;
}

/** A certificate this run issued (or, in check mode, would issue), and why. */
export interface IssuedCert {
  readonly name: string;
  readonly reason: string;
}

/** What ensurePki did (or would do); files are relative to the state dir. */
export interface PkiReport {
  readonly check: boolean;
  readonly issued: readonly IssuedCert[];
  readonly unchanged: readonly string[];
  readonly written: readonly string[];
  readonly warnings: readonly string[];
  /** .pem files in pki/ that no certificate of the model uses (a removed node's): kept, remove them by hand. */
  readonly stale: readonly string[];
}

/** Issues what is missing or no longer fits, keeps the rest byte-identical, writes the manifest. */
export async function ensurePki(model: ClusterModel, stateDir: string, opts: PkiOptions = {}): Promise<PkiReport> {
  const o = {
    check: opts.check ?? false,
    rotateCa: opts.rotateCa ?? false,
    renewWindowDays: opts.renewWindowDays ?? 30,
    caValidityDays: opts.caValidityDays ?? 3650,
    leafValidityDays: opts.leafValidityDays ?? 365,
    now: opts.now ?? new Date(),
  };
  const dir = pkiDir(stateDir);
  if (!o.check) ensurePrivateDir(dir);
  loadCheckMemo(checkMemoPath(stateDir));
  const catalog = pkiCatalog(model, o);
  const [caEntry, ...leafEntries] = catalog;
  const ca = await resolveCa(caEntry!.spec, dir, o);
  const decisions = leafEntries.map((e) => decideLeaf(e, dir, ca, o));
  const todo = decisions.filter((d) => d.reason !== undefined);
  const issued: IssuedCert[] = [
    ...(ca.reason ? [{ name: CERT.ca, reason: ca.reason }] : []),
    ...todo.map((d) => ({ name: d.entry.name, reason: d.reason! })),
  ];
  const touched = [
    ...(ca.reason ? [...(ca.newKey ? [`pki/${keyFile(CERT.ca)}`] : []), `pki/${certFile(CERT.ca)}`] : []),
    ...todo.flatMap((d) => [...(keepsKey(d) ? [] : [`pki/${keyFile(d.entry.name)}`]), `pki/${certFile(d.entry.name)}`]),
  ];
  const written: string[] = [];
  const certs = new Map(decisions.flatMap((d) => (d.certPem ? [[d.entry.name, d.certPem] as const] : [])));
  const keys = new Map(decisions.flatMap((d) => (d.keyPem ? [[d.entry.name, d.keyPem] as const] : [])));
  if (ca.certPem !== undefined) certs.set(CERT.ca, ca.certPem);
  if (ca.keyPem !== undefined) keys.set(CERT.ca, ca.keyPem);
  if (o.check) written.push(...touched);
  else {
    const signer = { certPem: ca.certPem!, keyPem: ca.keyPem! };
    const limit = pLimit(Math.max(1, availableParallelism()));
    const fresh = await Promise.all(
      todo.map((d) => limit(async () => ({ d, ...(await issueLeaf(d, signer, o.now)) }))),
    );
    const store = (name: string, pem: { certPem: string; keyPem: string }) => {
      if (writeFileIfChanged(join(dir, keyFile(name)), pem.keyPem, PRIVATE_FILE_MODE))
        written.push(`pki/${keyFile(name)}`);
      if (writeFileIfChanged(join(dir, certFile(name)), pem.certPem, PUBLIC_FILE_MODE))
        written.push(`pki/${certFile(name)}`);
      certs.set(name, pem.certPem);
      keys.set(name, pem.keyPem);
    };
    store(CERT.ca, signer);
    for (const f of fresh) store(f.d.entry.name, f);
  }
  const pending = new Set(o.check ? touched : []);
  const adminWritten = writeAdminKubeconfig(model, stateDir, { certs, keys, pending, check: o.check });
  if (adminWritten) written.push(adminWritten);
  const enc = ensureEncryptionKey(stateDir, { check: o.check });
  if (enc.generated) {
    written.push(ENCRYPTION_KEY_FILE);
    if (o.check) pending.add(ENCRYPTION_KEY_FILE);
  }
  if (!o.check && writeManifest(stateDir, { version: 1, certs: manifestEntries(catalog, certs, allPlacements(model)) }))
    written.push('pki/manifest.json');
  if (o.check && issued.length > 0) written.push('pki/manifest.json');
  setPending(stateDir, pending);
  if (!o.check) saveCheckMemo(checkMemoPath(stateDir));
  const used = new Set(catalog.flatMap((e) => [certFile(e.name), keyFile(e.name)]));
  return {
    check: o.check,
    issued,
    unchanged: decisions.filter((d) => d.reason === undefined).map((d) => d.entry.name),
    written,
    warnings: ca.warnings,
    stale: listPem(dir).filter((f) => !used.has(f)),
  };
}

function listPem(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pem'))
      .sort();
  } catch {
    return [];
  }
}
