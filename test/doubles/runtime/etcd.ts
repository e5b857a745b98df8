// --etcd-servers answering: GET /health over TLS with the etcd client cert, key and CA (or plain HTTP).

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DoubleError } from './fail.ts';

/** The client side of the etcd TLS (PEM texts). */
export interface EtcdTls {
  readonly caPem?: string;
  readonly certPem?: string;
  readonly keyPem?: string;
}

/** One probe: healthy, or why not; `config` marks failures no retry will fix (TLS trust, bad URL). */
export type EtcdProbe =
  { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly config: boolean };

const TLS_CONFIG_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_|ALTNAME|ALERT|WRONG_VERSION|PROTOCOL|SSL|HOSTNAME/;

/** GET <url>/health; etcd answers {"health":"true"}. */
export function probeEtcd(server: string, tls: EtcdTls, timeoutMs = 3000): Promise<EtcdProbe> {
  let url: URL;
  try {
    url = new URL('/health', server);
  } catch {
    return Promise.resolve({ ok: false, reason: `${server} is not a URL`, config: true });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return Promise.resolve({ ok: false, reason: `${server}: scheme must be http or https`, config: true });
  return new Promise((resolve) => {
    const done = (p: EtcdProbe): void => resolve(p);
    const opts = {
      timeout: timeoutMs,
      ...(url.protocol === 'https:' ? { ca: tls.caPem, cert: tls.certPem, key: tls.keyPem } : {}),
    };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, opts, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        let health: unknown;
        try {
          health = (JSON.parse(body) as { health?: unknown }).health;
        } catch {
          health = undefined;
        }
        if (res.statusCode === 200 && health === 'true') done({ ok: true });
        else
          done({
            ok: false,
            reason: `${server}: GET /health: HTTP ${res.statusCode ?? '?'} ${body.trim().slice(0, 200)}`,
            config: false,
          });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      const config = url.protocol === 'https:' && TLS_CONFIG_ERRORS.test(code);
      done({ ok: false, reason: `${server}: ${code ? `${code}: ` : ''}${e.message}`, config });
    });
    req.end();
  });
}

/** Waits until one endpoint is healthy; a TLS trust problem fails at once, silence after waitMs. */
export async function waitForEtcd(
  servers: readonly string[],
  tls: EtcdTls,
  waitMs: number,
  log: (m: string) => void,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const probes = await Promise.all(servers.map((s) => probeEtcd(s, tls)));
    const bad = probes.filter((p): p is Extract<EtcdProbe, { ok: false }> => !p.ok);
    const config = bad.filter((p) => p.config);
    if (config.length > 0) throw new DoubleError(`etcd: ${config.map((p) => p.reason).join('; ')}`);
    if (bad.length < probes.length) {
      for (const p of bad) log(`etcd endpoint unhealthy (others answer): ${p.reason}`);
      return;
    }
    if (Date.now() >= deadline)
      throw new DoubleError(
        `etcd: no endpoint of --etcd-servers answered /health within ${Math.round(waitMs / 1000)} s: ${bad.map((p) => p.reason).join('; ')}`,
      );
    if (attempt % 5 === 0) log(`waiting for etcd: ${bad.map((p) => p.reason).join('; ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
