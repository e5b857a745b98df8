// Talking to the apiserver with a kubeconfig's credentials (as client-go would), and retrying in the background.

import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import type { KubeconfigInfo } from './kubeconfig.ts';

/** One request; resolves with the status and body (TLS verified against the kubeconfig's CA). */
export function kubeRequest(
  kc: KubeconfigInfo,
  method: string,
  path: string,
  opts: { body?: string; contentType?: string; userAgent: string },
): Promise<{ status: number; body: string }> {
  const url = new URL(path, kc.server);
  const headers: Record<string, string | number> = {
    'User-Agent': opts.userAgent,
    Accept: 'application/json',
    ...(kc.token ? { Authorization: `Bearer ${kc.token}` } : {}),
    ...(opts.body !== undefined
      ? { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(opts.body) }
      : {}),
  };
  const tls = url.protocol === 'https:' ? { ca: kc.caPem || undefined, cert: kc.certPem, key: kc.keyPem } : {};
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? request : httpRequest)(
      url,
      { method, timeout: 5000, headers, ...tls },
      (res) => {
        let out = '';
        res.on('data', (d: Buffer) => (out += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: out }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * Runs attempt() now and every 10 s until it returns a success line (logged); failures are warnings, as a real
 * component logs them while it keeps running. Returns a stop function.
 */
export function retryInBackground(
  attempt: () => Promise<string | undefined>,
  log: (m: string) => void,
  warn: (m: string) => void,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const once = async (): Promise<void> => {
    try {
      const ok = await attempt();
      if (ok !== undefined) return log(ok);
    } catch (e) {
      warn((e as Error).message);
    }
    if (!stopped) timer = setTimeout(() => void once(), 10_000);
  };
  void once();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** The component reaches the apiserver and is authenticated: GET /api answers 200 (logged once). */
export function reachApiserver(
  kc: KubeconfigInfo,
  component: string,
  log: (m: string) => void,
  warn: (m: string) => void,
): () => void {
  return retryInBackground(
    async () => {
      const r = await kubeRequest(kc, 'GET', '/api', { userAgent: `${component}-orchestrate-test-double` }).catch(
        (e: Error) => {
          throw new Error(`cannot reach the apiserver at ${kc.server.origin} (${kc.path}): ${e.message}`);
        },
      );
      if (r.status === 200) return `reached the apiserver at ${kc.server.origin} as ${kc.user ?? 'token user'}`;
      throw new Error(
        `apiserver at ${kc.server.origin} answered GET /api with HTTP ${r.status}: ${r.body.trim().slice(0, 200)}`,
      );
    },
    log,
    warn,
  );
}
