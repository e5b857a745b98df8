// The apiserver double's request handler: health (public), /version, auth, discovery, objects, recording.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { reply, type CertResult, type Handler } from '../serve.ts';
import { authenticate, type AuthConfig } from './auth.ts';
import { discovery, versionInfo } from './discovery.ts';
import type { RequestLog } from './record.ts';
import { route } from './route.ts';
import type { ServiceRange } from './service-ips.ts';
import { ApiError, statusBody } from './status.ts';
import type { ObjectStore } from './store.ts';
import { handleObject } from './verbs.ts';

/** Everything the handler needs. */
export interface ApiContext {
  readonly gitVersion: string;
  readonly anonymousAuth: boolean;
  readonly auth: AuthConfig;
  readonly store: ObjectStore;
  readonly range: ServiceRange;
  readonly log: RequestLog;
  readonly serverAddress: string;
  /** undefined when etcd answers; else why not (readyz and healthz fail). */
  readonly etcdProblem: () => string | undefined;
}

const HEALTH = /^\/(healthz|livez|readyz)(\/.*)?$/;
const PUBLIC = (p: string): boolean => HEALTH.test(p) || p === '/version' || p === '/version/';

/** The path with %-escapes decoded (clients differ in escaping ':' in names like system:coredns). */
function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text) as unknown;
    } catch {
      return text;
    }
  }
}

async function answer(
  ctx: ApiContext,
  req: IncomingMessage,
  url: URL,
  body: unknown,
): Promise<{ status: number; body: object | string }> {
  const health = HEALTH.exec(url.pathname);
  if (health) {
    const etcd = health[1] === 'livez' ? undefined : ctx.etcdProblem();
    return etcd === undefined
      ? { status: 200, body: 'ok' }
      : { status: 500, body: `[-]etcd failed: ${etcd}\n${health[1]} check failed` };
  }
  if (url.pathname === '/version' || url.pathname === '/version/')
    return { status: 200, body: versionInfo(ctx.gitVersion) };
  const r = route(url.pathname);
  switch (r.kind) {
    case 'discovery':
      return { status: 200, body: discovery(r.path, r.group, r.version, ctx.serverAddress) };
    case 'object':
      return handleObject(ctx.store, ctx.range, {
        method: req.method ?? 'GET',
        info: r.info,
        ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
        ...(r.name !== undefined ? { name: r.name } : {}),
        ...(r.subresource !== undefined ? { subresource: r.subresource } : {}),
        contentType: req.headers['content-type'] ?? '',
        query: url.searchParams,
        body,
      });
    case 'unknown-resource':
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource (${r.resource}${r.group ? `.${r.group}` : ''})`,
      );
    default:
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }
}

/** The handler for serveTls. */
export function apiHandler(ctx: ApiContext): Handler {
  return (req: IncomingMessage, res: ServerResponse, cert: CertResult) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'https://double');
      const text = await readBody(req);
      const body = parseBody(text);
      const who = authenticate(req, cert, ctx.auth);
      let status: number;
      let out: object | string;
      if (who === 'rejected') [status, out] = [401, statusBody(401, 'Unauthorized', 'Unauthorized')];
      else if (who === 'anonymous' && !(ctx.anonymousAuth && PUBLIC(url.pathname))) {
        [status, out] = ctx.anonymousAuth
          ? [
              403,
              statusBody(
                403,
                'Forbidden',
                `forbidden: User "system:anonymous" cannot ${(req.method ?? 'get').toLowerCase()} path "${url.pathname}"`,
              ),
            ]
          : [401, statusBody(401, 'Unauthorized', 'Unauthorized')];
      } else {
        try {
          ({ status, body: out } = await answer(ctx, req, url, body));
        } catch (e) {
          const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', (e as Error).message);
          [status, out] = [err.code, statusBody(err.code, err.reason, err.message, err.details)];
        }
      }
      reply(res, status, out);
      if (HEALTH.test(url.pathname)) return;
      const user = typeof who === 'string' ? `system:${who}` : who.user;
      ctx.log.write({
        time: new Date().toISOString(),
        method: req.method ?? 'GET',
        path: decodePath(url.pathname),
        query: Object.fromEntries(url.searchParams),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(url.searchParams.get('fieldManager') ? { fieldManager: url.searchParams.get('fieldManager')! } : {}),
        user,
        groups: typeof who === 'string' ? [] : who.groups,
        status,
        ...(body !== undefined ? { body } : {}),
      });
    })();
  };
}
