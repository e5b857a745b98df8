// The encryption-at-rest key: 32 random bytes made once, kept in <stateDir>/secrets, never remade by a re-run.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  OrchestrateError,
  Secret,
  registerSecret,
  ensurePrivateDir,
  PRIVATE_FILE_MODE,
  readPrivateFile,
  writeFileIfChanged,
} from 'orchestrate';
import { secretsDir } from './names.ts';

/** The key file, relative to the state dir. */
export const ENCRYPTION_KEY_FILE = 'secrets/encryption-key';

/** The persisted key (base64 of 32 bytes), or undefined when none was made yet. */
export function readEncryptionKey(stateDir: string): Secret | undefined {
  const path = join(stateDir, ENCRYPTION_KEY_FILE);
  const text = readPrivateFile(path);
  if (text === undefined) return undefined;
  const key = text.trim();
  if (Buffer.from(key, 'base64').length !== 32 || !/^[A-Za-z0-9+/]{43}=$/.test(key))
    throw new OrchestrateError('STATE_DIR_INVALID', `${path} does not hold a base64 32-byte key`, {
      fix: `restore ${path} from your backup of the state dir; a new key cannot read secrets already stored in etcd`,
    });
  registerSecret(key);
  return new Secret(key);
}

/** Reads the key, or makes and stores it (0600) once; in check mode nothing is written. */
export function ensureEncryptionKey(
  stateDir: string,
  opts: { check: boolean },
): { key: Secret | undefined; generated: boolean } {
  const existing = readEncryptionKey(stateDir);
  if (existing !== undefined) return { key: existing, generated: false };
  if (opts.check) return { key: undefined, generated: true };
  const key = randomBytes(32).toString('base64');
  registerSecret(key);
  ensurePrivateDir(secretsDir(stateDir));
  writeFileIfChanged(join(stateDir, ENCRYPTION_KEY_FILE), `${key}\n`, PRIVATE_FILE_MODE);
  return { key: new Secret(key), generated: true };
}

/** EncryptionConfiguration (apiserver.config.k8s.io/v1): aescbc key1 for secrets, identity to read plain ones. */
export function renderEncryptionConfig(key: Secret): Secret {
  const doc = {
    kind: 'EncryptionConfiguration',
    apiVersion: 'apiserver.config.k8s.io/v1',
    resources: [
      {
        resources: ['secrets'],
        providers: [{ aescbc: { keys: [{ name: 'key1', secret: key.reveal() }] } }, { identity: {} }],
      },
    ],
  };
  return new Secret(stringify(doc, { lineWidth: 0 }));
}
