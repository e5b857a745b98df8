// The HTTPS health port of the controller-manager (10257) and scheduler (10259): own cert or self-signed.

import type { Server } from 'node:http';
import type { Problems } from '../fail.ts';
import { checkPairFlags } from '../files.ts';
import { lastValue, type ParsedFlags } from '../flag-parse.ts';
import type { DoubleContext } from '../run.ts';
import { selfSigned } from '../self-signed.ts';
import { reply, serveTls } from '../serve.ts';

const HEALTH = /^\/(healthz|livez|readyz)(\/.*)?$/;

/** Serving cert (checked) or a self-signed one, as the real components do without --tls-cert-file. */
export function servingPair(flags: ParsedFlags, problems: Problems): { certPem: string; keyPem: string } | undefined {
  return checkPairFlags(flags, 'tls-cert-file', 'tls-private-key-file', problems);
}

/** Listens on --bind-address:--secure-port; health paths are always allowed (as the real defaults). */
export async function serveSecureHealth(
  ctx: DoubleContext,
  defaultPort: number,
  pair: { certPem: string; keyPem: string } | undefined,
  clientCaPem?: string,
): Promise<Server | undefined> {
  const { flags } = ctx;
  const port = Number(lastValue(flags, 'secure-port') ?? defaultPort);
  const bind = lastValue(flags, 'bind-address') ?? '0.0.0.0';
  if (port === 0) {
    ctx.warn('--secure-port=0: serving nothing (as the real binary)');
    return undefined;
  }
  const serving = pair ?? selfSigned('localhost', ['localhost', '127.0.0.1']);
  const server = await serveTls(
    {
      component: ctx.e.component,
      bind,
      port,
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      ...(clientCaPem ? { clientCaPem } : {}),
    },
    (req, res, who) => {
      const path = new URL(req.url ?? '/', 'https://x').pathname;
      if (HEALTH.test(path)) return reply(res, 200, 'ok');
      if (who === 'invalid') return reply(res, 401, 'Unauthorized');
      if (path === '/metrics' && who !== undefined) return reply(res, 200, '# orchestrate test double: no metrics\n');
      reply(
        res,
        who === undefined ? 403 : 404,
        who === undefined ? `forbidden: User "system:anonymous" cannot get path "${path}"` : '404 page not found',
      );
    },
  );
  ctx.log(`serving health on https://${bind}:${port}/healthz${pair ? '' : ' (self-signed certificate)'}`);
  return server;
}
