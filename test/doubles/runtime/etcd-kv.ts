// etcd's v3 JSON gateway (/v3/kv/*, on by default in 3.4-3.6): what the apiserver double stores objects with.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EtcdTls } from './etcd.ts';

/** One key-value as stored, with etcd's revision of its last change. */
export interface Kv {
  readonly key: string;
  readonly value: Buffer;
  readonly modRevision: string;
}

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

/** The key just past every key with this prefix (etcd's range_end for a prefix). */
export function prefixEnd(prefix: string): string {
  const b = Buffer.from(prefix);
  b[b.length - 1]! += 1;
  return b.toString('latin1');
}

/** A client of the first etcd endpoint that answers (tries them in order on connection errors). */
export class EtcdKv {
  constructor(
    private readonly servers: readonly string[],
    private readonly tls: EtcdTls,
  ) {}

  private post(server: string, path: string, body: object): Promise<Record<string, unknown>> {
    const url = new URL(path, server);
    const text = JSON.stringify(body);
    const tls = url.protocol === 'https:' ? { ca: this.tls.caPem, cert: this.tls.certPem, key: this.tls.keyPem } : {};
    const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) };
    return new Promise((resolve, reject) => {
      const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', timeout: 5000, headers, ...tls },
        (res) => {
          let out = '';
          res.on('data', (d: Buffer) => (out += d.toString()));
          res.on('end', () => {
            if (res.statusCode !== 200)
              return reject(new Error(`etcd ${path}: HTTP ${res.statusCode}: ${out.trim().slice(0, 200)}`));
            try {
              resolve(JSON.parse(out) as Record<string, unknown>);
            } catch {
              reject(new Error(`etcd ${path}: not JSON: ${out.slice(0, 200)}`));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('etcdserver: request timed out')));
      req.on('error', reject);
      req.end(text);
    });
  }

  private async call(path: string, body: object): Promise<Record<string, unknown>> {
    let last: unknown;
    for (const s of this.servers) {
      try {
        return await this.post(s, path, body);
      } catch (e) {
        last = e;
      }
    }
    throw last instanceof Error ? last : new Error(String(last));
  }

  /** Keys from `key` (exactly, or every key with that prefix). */
  async range(key: string, prefix = false): Promise<Kv[]> {
    const body = prefix ? { key: b64(key), range_end: b64(Buffer.from(prefixEnd(key), 'latin1')) } : { key: b64(key) };
    const r = await this.call('/v3/kv/range', body);
    const kvs = (r['kvs'] as { key: string; value?: string; mod_revision: string }[] | undefined) ?? [];
    return kvs.map((kv) => ({
      key: Buffer.from(kv.key, 'base64').toString(),
      value: Buffer.from(kv.value ?? '', 'base64'),
      modRevision: kv.mod_revision,
    }));
  }

  /** Writes a key; returns the revision it was written at. */
  async put(key: string, value: Buffer): Promise<string> {
    const r = await this.call('/v3/kv/put', { key: b64(key), value: value.toString('base64') });
    return String((r['header'] as { revision?: string } | undefined)?.revision ?? '0');
  }

  /** Deletes keys (exactly `key`, or a prefix); returns how many. */
  async delete(key: string, prefix = false): Promise<number> {
    const body = prefix ? { key: b64(key), range_end: b64(Buffer.from(prefixEnd(key), 'latin1')) } : { key: b64(key) };
    const r = await this.call('/v3/kv/deleterange', body);
    return Number(r['deleted'] ?? 0);
  }

  /** The store's current revision (a List's resourceVersion). */
  async revision(): Promise<string> {
    const r = await this.call('/v3/kv/range', { key: b64('/registry/'), limit: 1 });
    return String((r['header'] as { revision?: string } | undefined)?.revision ?? '0');
  }
}
