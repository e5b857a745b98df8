// A tiny HTTPS "apiserver" for the apply module's live tests: mTLS, GET and apply-PATCH by path, recorded.

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ApiClient } from '../../../../kubernetes/api/index.ts';
import { issue, makeCa } from '../../../doubles/test-pki.ts';
import { buildProbesScript, parseProbesOutput } from '../../../../src/executor/probe-script.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

/** One request as the server saw it. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly user: string | undefined;
  readonly body: string;
}

/** The running server, its client files, its objects by path, and what it saw. */
export interface FakeApi {
  readonly client: ApiClient;
  readonly objects: Map<string, unknown>;
  readonly seen: Seen[];
  /** TLS connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts it on 127.0.0.1 with a fresh CA, a serving cert and an admin client cert written to a temp dir. */
export async function startFakeApi(): Promise<FakeApi> {
  const dir = tempDir('orch-fake-api-');
  const ca = makeCa();
  const serving = issue(ca, { cn: 'kubernetes', sans: ['127.0.0.1'], usage: 'server' });
  const admin = issue(ca, { cn: 'admin', orgs: ['system:masters'], usage: 'client' });
  const files = { ca: join(dir, 'ca.pem'), cert: join(dir, 'admin.pem'), key: join(dir, 'admin-key.pem') };
  writeFileSync(files.ca, ca.certPem);
  writeFileSync(files.cert, admin.certPem);
  writeFileSync(files.key, admin.keyPem, { mode: 0o600 });
  const objects = new Map<string, unknown>();
  const seen: Seen[] = [];
  const server: Server = createServer(
    { key: serving.keyPem, cert: serving.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        seen.push({
          method: req.method!,
          url: req.url!,
          contentType: req.headers['content-type'],
          user: peer.subject?.CN as string | undefined,
          body,
        });
        const path = new URL(req.url!, 'https://x').pathname;
        // A string object is served as is (e.g. pretty-printed JSON).
        const send = (code: number, obj: unknown) =>
          res
            .writeHead(code, { 'Content-Type': 'application/json' })
            .end(typeof obj === 'string' ? obj : JSON.stringify(obj));
        if (req.method === 'GET') {
          const obj = objects.get(path);
          return obj === undefined
            ? send(404, {
                kind: 'Status',
                apiVersion: 'v1',
                status: 'Failure',
                message: `"${path}" not found`,
                reason: 'NotFound',
                code: 404,
              })
            : send(200, obj);
        }
        if (req.method === 'PATCH' && req.headers['content-type'] === 'application/apply-patch+yaml') {
          const created = !objects.has(path);
          objects.set(path, { ...(JSON.parse(body) as object), status: {} });
          return send(created ? 201 : 200, objects.get(path));
        }
        return send(415, { kind: 'Status', message: 'unsupported', code: 415 });
      });
    },
  );
  let connections = 0;
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    client: { server: `https://127.0.0.1:${port}`, ...files },
    objects,
    seen,
    connections: () => connections,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      removeTempDir(dir);
    },
  };
}

/** Runs probes as one probe script (shared reads included) with local sh, without blocking the event loop. */
export async function probeLocal(probes: readonly string[]): Promise<string[]> {
  const roles = [{ role: 'test', items: probes.map((probe, i) => ({ key: `t${i}`, probe })) }];
  const r = await promisify(execFile)('sh', ['-c', buildProbesScript(roles)], { encoding: 'utf8' });
  const [out] = parseProbesOutput('local', r.stdout, roles);
  return probes.map((_, i) => out!.byKey.get(`t${i}`)!);
}

/** Runs a shell snippet with local sh without blocking the event loop (the fake API answers meanwhile). */
export async function shLocal(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)('sh', ['-c', `exec </dev/null\n(\n${script}\n)`], { encoding: 'utf8' });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
