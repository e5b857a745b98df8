// --encryption-provider-config: EncryptionConfiguration v1 with an aescbc key of 32 bytes for secrets.

import { DoubleError } from './fail.ts';
import { expectTypeMeta, parseYamlFile } from './yaml-file.ts';

const PROVIDERS = ['aescbc', 'aesgcm', 'secretbox', 'kms', 'identity'];
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One provider entry: exactly one known provider; aescbc keys named, base64 of 32 bytes. */
function checkProvider(p: unknown, path: string, where: string): string {
  if (!isObj(p)) throw new DoubleError(`${path}: ${where} is not a mapping`);
  const kinds = Object.keys(p);
  if (kinds.length !== 1 || !PROVIDERS.includes(kinds[0]!))
    throw new DoubleError(
      `${path}: ${where}: exactly one of ${PROVIDERS.join(', ')} expected, got ${kinds.join(', ') || 'none'}`,
    );
  const kind = kinds[0]!;
  if (kind === 'aescbc' || kind === 'aesgcm' || kind === 'secretbox') {
    const keys = (p[kind] as Obj | null)?.['keys'];
    if (!Array.isArray(keys) || keys.length === 0)
      throw new DoubleError(`${path}: ${where}.${kind}.keys: at least one key is required`);
    keys.forEach((k: unknown, i) => {
      if (!isObj(k) || typeof k['name'] !== 'string' || k['name'] === '')
        throw new DoubleError(`${path}: ${where}.${kind}.keys[${i}].name: required`);
      const secret = k['secret'];
      if (typeof secret !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret))
        throw new DoubleError(`${path}: ${where}.${kind}.keys[${i}].secret: not valid base64`);
      const n = Buffer.from(secret, 'base64').length;
      if (n !== 32)
        throw new DoubleError(
          `${path}: ${where}.${kind}.keys[${i}].secret: decodes to ${n} bytes, expected 32 (head -c 32 /dev/urandom | base64)`,
        );
    });
  }
  return kind;
}

/** Checks the file; returns the first provider used for secrets. */
export function checkEncryptionConfig(path: string): string {
  const doc = parseYamlFile(path);
  if (doc['kind'] === 'EncryptionConfig')
    throw new DoubleError(
      `${path}: kind EncryptionConfig (apiVersion v1) is the removed legacy format; use kind EncryptionConfiguration, apiVersion apiserver.config.k8s.io/v1`,
    );
  expectTypeMeta(doc, path, 'EncryptionConfiguration', ['apiserver.config.k8s.io/v1']);
  const resources = doc['resources'];
  if (!Array.isArray(resources) || resources.length === 0)
    throw new DoubleError(`${path}: resources: at least one entry is required`);
  let secretsProvider: string | undefined;
  resources.forEach((r: unknown, i) => {
    if (!isObj(r) || !Array.isArray(r['resources']) || r['resources'].length === 0)
      throw new DoubleError(`${path}: resources[${i}].resources: at least one resource is required`);
    if (!Array.isArray(r['providers']) || r['providers'].length === 0)
      throw new DoubleError(`${path}: resources[${i}].providers: at least one provider is required`);
    const kinds = (r['providers'] as unknown[]).map((p, j) =>
      checkProvider(p, path, `resources[${i}].providers[${j}]`),
    );
    const names = r['resources'] as unknown[];
    if (secretsProvider === undefined && (names.includes('secrets') || names.includes('*.*') || names.includes('*.')))
      secretsProvider = kinds[0];
  });
  if (secretsProvider === undefined || secretsProvider === 'identity')
    throw new DoubleError(
      `${path}: secrets are not encrypted at rest (the first provider for secrets is ${secretsProvider ?? 'none'}; KTHW puts aescbc first)`,
    );
  return secretsProvider;
}
