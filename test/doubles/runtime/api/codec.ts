// Encryption at rest as the apiserver does it: the first provider of the first matching rule writes,
// aescbc values are "k8s:enc:aescbc:v1:<key name>:" + IV + AES-CBC (PKCS#7), so KTHW's etcdctl check works.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { parseYamlFile } from '../yaml-file.ts';

/** One rule of an EncryptionConfiguration. */
export interface EncryptionRule {
  readonly resources: readonly string[];
  readonly providers: readonly { readonly kind: string; readonly keys: readonly { name: string; secret: Buffer }[] }[];
}

/** The rules of a file that checkEncryptionConfig passed. */
export function encryptionRules(path: string): EncryptionRule[] {
  const doc = parseYamlFile(path) as {
    resources: { resources: string[]; providers: Record<string, { keys?: { name: string; secret: string }[] }>[] }[];
  };
  return doc.resources.map((r) => ({
    resources: r.resources,
    providers: r.providers.map((p) => {
      const kind = Object.keys(p)[0]!;
      return {
        kind,
        keys: (p[kind]?.keys ?? []).map((k) => ({ name: k.name, secret: Buffer.from(k.secret, 'base64') })),
      };
    }),
  }));
}

const matches = (entry: string, resource: string, group: string): boolean =>
  entry === '*.*' ||
  (group === '' ? entry === resource || entry === '*.' : entry === `${resource}.${group}` || entry === `*.${group}`);

/** Encodes stored values (JSON here, protobuf in the real one) with the configured provider. */
export class Codec {
  constructor(private readonly rules: readonly EncryptionRule[]) {}

  private providers(resource: string, group: string): EncryptionRule['providers'] {
    return this.rules.find((r) => r.resources.some((e) => matches(e, resource, group)))?.providers ?? [];
  }

  encode(resource: string, group: string, plain: Buffer): Buffer {
    const first = this.providers(resource, group)[0];
    if (first?.kind !== 'aescbc') return plain; // identity (other providers: not done by the double)
    const key = first.keys[0]!;
    const iv = randomBytes(16);
    const c = createCipheriv(`aes-${key.secret.length * 8}-cbc`, key.secret, iv);
    return Buffer.concat([Buffer.from(`k8s:enc:aescbc:v1:${key.name}:`), iv, c.update(plain), c.final()]);
  }

  decode(resource: string, group: string, stored: Buffer): Buffer {
    const m = /^k8s:enc:aescbc:v1:([^:]+):/.exec(stored.subarray(0, 128).toString('latin1'));
    if (!m) return stored;
    const key = this.providers(resource, group)
      .flatMap((p) => (p.kind === 'aescbc' ? p.keys : []))
      .find((k) => k.name === m[1]);
    if (!key) throw new Error(`no aescbc key named ${m[1]} in the encryption config to read ${resource}`);
    const body = stored.subarray(m[0].length);
    const d = createDecipheriv(`aes-${key.secret.length * 8}-cbc`, key.secret, body.subarray(0, 16));
    return Buffer.concat([d.update(body.subarray(16)), d.final()]);
  }
}
