// The PKI helpers in one import: keys, issuing, identity, the reissue decision, files, manifest, status.

export type { CertIdentity, CertSpec, ExtKeyUsage, Issuer, KeyUsage, Subject } from './types.ts';
export {
  generatePrivateKey,
  generatePrivateKeySync,
  keyBitsOf,
  keyMatchesCertificate,
  publicKeyPemOf,
} from './keys.ts';
export { issueSelfSigned, issueSigned, BACKDATE_MS } from './issue.ts';
export { desiredIdentity, identityOf } from './identity.ts';
export { formatSubject, normalizeIp, specSans, splitHosts } from './names.ts';
export { daysLeft, needsReissue, signedBy } from './reissue.ts';
export { loadCheckMemo, saveCheckMemo } from './check-memo.ts';
export {
  ensurePrivateDir,
  readPrivateFile,
  readPublicFile,
  writeFileIfChanged,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  PUBLIC_FILE_MODE,
} from './pem-store.ts';
export { manifestPath, readManifest, renderManifest, writeManifest } from './manifest.ts';
export type { ManifestEntry, PkiManifest } from './manifest.ts';
export { formatPkiStatus, pkiStatus } from './status.ts';
export type { CertStatus, ExpiryState } from './status.ts';
