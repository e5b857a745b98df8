// The CA: made once, reused forever, replaced only on request (rotateCa); a lost key is an error, not a new CA.

import { join } from 'node:path';
import {
  OrchestrateError,
  generatePrivateKey,
  issueSelfSigned,
  keyMatchesCertificate,
  needsReissue,
  readPrivateFile,
  readPublicFile,
  type CertSpec,
} from 'orchestrate';
import { CERT, certFile, keyFile } from './names.ts';

/** The CA after this run (or, in check mode, what it would be). */
export interface CaState {
  /** undefined only in check mode when a new CA key would be made. */
  readonly certPem: string | undefined;
  readonly keyPem: string | undefined;
  /** Why the CA certificate is (re)issued, when it is. */
  readonly reason: string | undefined;
  /** A new CA key: every leaf must be reissued. */
  readonly newKey: boolean;
  readonly warnings: readonly string[];
}

/** Reads, checks and when needed makes the CA; writes nothing (the caller stores what changed). */
export async function resolveCa(
  spec: CertSpec,
  dir: string,
  o: { check: boolean; rotateCa: boolean; now: Date; renewWindowDays: number },
): Promise<CaState> {
  const certPath = join(dir, certFile(CERT.ca));
  const keyPath = join(dir, keyFile(CERT.ca));
  const certPem = readPublicFile(certPath);
  const keyPem = readPrivateFile(keyPath);
  const make = async (reason: string, existingKey?: string): Promise<CaState> => {
    // Check mode makes no key (slow, and thrown away); re-signing with a kept key is cheap and shows what leaves keep.
    if (o.check && existingKey === undefined)
      return { certPem: undefined, keyPem: undefined, reason, newKey: true, warnings: [] };
    const key = existingKey ?? (await generatePrivateKey(spec.keyBits ?? 2048));
    return {
      certPem: issueSelfSigned(spec, key, o.now),
      keyPem: key,
      reason,
      newKey: existingKey === undefined,
      warnings: [],
    };
  };
  if (o.rotateCa) return make('rotation requested (rotateCa)');
  if (certPem === undefined && keyPem === undefined) return make('missing');
  if (keyPem === undefined)
    throw new OrchestrateError('STATE_DIR_INVALID', `${certPath} exists but its key ${keyPath} is missing`, {
      fix: `restore ${keyPath} from your backup of the state dir, or rotate the CA (every certificate is reissued)`,
    });
  if (certPem === undefined) return make('certificate missing (re-signed with the existing CA key)', keyPem);
  if (!keyMatchesCertificate(keyPem, certPem))
    throw new OrchestrateError('STATE_DIR_INVALID', `${keyPath} is not the key of ${certPath}`, {
      fix: `restore the pair from your backup of the state dir, or rotate the CA (every certificate is reissued)`,
    });
  const why = needsReissue(spec, certPem, certPem, o.now, o.renewWindowDays, keyPem);
  const warnings = why
    ? [
        `ca: ${why}; the CA is never replaced on its own: rotate it on purpose (rotateCa), every certificate is then reissued`,
      ]
    : [];
  return { certPem, keyPem, reason: undefined, newKey: false, warnings };
}
