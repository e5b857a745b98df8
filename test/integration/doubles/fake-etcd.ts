// An etcd stand-in for unit tests: TLS with client certs, GET /health and the v3 JSON gateway's kv calls.

import { createServer, type Server } from 'node:https';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** The stand-in: its server, and its keys (raw values, to check encryption at rest). */
export interface FakeEtcd {
  readonly server: Server;
  readonly data: Map<string, { value: Buffer; mod: number }>;
  close(): Promise<void>;
}

const b = (s: string | undefined): string => Buffer.from(s ?? '', 'base64').toString('latin1');

/** Listens on 127.0.0.1:port with the given serving cert; clients must present a cert of `caPem`. */
export async function fakeEtcd(port: number, tls: { cert: string; key: string; caPem: string }): Promise<FakeEtcd> {
  const data = new Map<string, { value: Buffer; mod: number }>();
  let rev = 1;
  const inRange = (k: string, key: string, end: string | undefined): boolean => (end ? k >= key && k < end : k === key);
  const server = createServer(
    { cert: tls.cert, key: tls.key, ca: tls.caPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const q = (body ? JSON.parse(body) : {}) as {
          key?: string;
          range_end?: string;
          value?: string;
          limit?: number;
        };
        const [key, end] = [b(q.key), q.range_end ? b(q.range_end) : undefined];
        const header = { revision: String(rev) };
        if (req.url === '/health') return res.end('{"health":"true","reason":""}');
        if (req.url === '/v3/kv/put') {
          data.set(key, { value: Buffer.from(q.value ?? '', 'base64'), mod: ++rev });
          return res.end(JSON.stringify({ header: { revision: String(rev) } }));
        }
        const hits = [...data].filter(([k]) => inRange(k, key, end)).sort(([a], [c]) => (a < c ? -1 : 1));
        if (req.url === '/v3/kv/range') {
          const kvs = (q.limit ? hits.slice(0, q.limit) : hits).map(([k, v]) => ({
            key: Buffer.from(k, 'latin1').toString('base64'),
            value: v.value.toString('base64'),
            mod_revision: String(v.mod),
          }));
          return res.end(JSON.stringify({ header, ...(kvs.length ? { kvs, count: String(kvs.length) } : {}) }));
        }
        if (req.url === '/v3/kv/deleterange') {
          for (const [k] of hits) data.delete(k);
          if (hits.length) rev++;
          return res.end(JSON.stringify({ header: { revision: String(rev) }, deleted: String(hits.length) }));
        }
        res.statusCode = 404;
        return res.end('404 page not found');
      });
    },
  );
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    server,
    data,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** The etcd binary of the lab's mirror (`orchestrate lab artifacts`), when this machine has filled it (else undefined: skip). */
export function mirrorEtcd(): string | undefined {
  const root = '/var/cache/orchestrate/artifacts/etcd';
  if (!existsSync(root)) return undefined;
  for (const v of readdirSync(root))
    for (const arch of ['amd64', 'arm64'])
      if (existsSync(`${root}/${v}/${arch}/etcd`)) return `${root}/${v}/${arch}/etcd`;
  return undefined;
}

/** Starts a real etcd with client TLS on 127.0.0.1 (data in dir); stop it with kill(). */
export function realEtcd(
  bin: string,
  dir: string,
  ports: { client: number; peer: number },
  files: { cert: string; key: string; ca: string },
): ChildProcess {
  return spawn(
    bin,
    [
      '--name=unit',
      `--data-dir=${dir}`,
      `--listen-client-urls=https://127.0.0.1:${ports.client}`,
      `--advertise-client-urls=https://127.0.0.1:${ports.client}`,
      `--listen-peer-urls=http://127.0.0.1:${ports.peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${ports.peer}`,
      `--initial-cluster=unit=http://127.0.0.1:${ports.peer}`,
      `--cert-file=${files.cert}`,
      `--key-file=${files.key}`,
      `--trusted-ca-file=${files.ca}`,
      '--client-cert-auth',
    ],
    { stdio: 'ignore' },
  );
}
