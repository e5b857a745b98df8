// Listening: HTTPS with a serving cert and an optional client CA (cert asked for, not required), or HTTP.

import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { DOUBLE_HEADER } from './embedded.ts';
import { DoubleError } from './fail.ts';

/** Who sent a request, from a client certificate the client CA verified (undefined: anonymous). */
export interface ClientIdentity {
  readonly user: string;
  readonly groups: readonly string[];
}

/** The client cert's identity; 'invalid' for a cert the client CA did not sign (the real servers answer 401). */
export type CertResult = ClientIdentity | 'invalid' | undefined;

export type Handler = (req: IncomingMessage, res: ServerResponse, who: CertResult) => void;

/** Sends a response with the double's header. */
export function reply(res: ServerResponse, status: number, body: string | object, contentType?: string): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'Content-Type': contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json'),
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function identity(req: IncomingMessage): CertResult {
  const sock = req.socket as TLSSocket;
  if (typeof sock.getPeerCertificate !== 'function') return undefined;
  const peer = sock.getPeerCertificate();
  if (!sock.authorized) return peer && Object.keys(peer).length > 0 ? 'invalid' : undefined;
  const subject = peer.subject as unknown as Record<string, string | string[] | undefined> | undefined;
  const cn = subject?.['CN'];
  const o = subject?.['O'];
  if (typeof cn !== 'string') return undefined;
  return { user: cn, groups: o === undefined ? [] : Array.isArray(o) ? o : [o] };
}

function wrap(component: string, handler: Handler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.setHeader(DOUBLE_HEADER, component);
    try {
      handler(req, res, identity(req));
    } catch (e) {
      if (!res.headersSent) reply(res, 500, `internal error in the double: ${(e as Error).message}`);
    }
  };
}

/** Listens; a taken port or a bad address is a DoubleError with the real binary's wording. */
export function listen(server: Server, bind: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void =>
      reject(
        new DoubleError(
          `failed to listen on ${bind}:${port}: listen tcp ${bind}:${port}: ${e.code === 'EADDRINUSE' ? 'bind: address already in use' : e.message}`,
        ),
      );
    server.once('error', onError);
    server.listen(port, bind, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

/** Options of an HTTPS listener. */
export interface TlsOptions {
  readonly component: string;
  readonly bind: string;
  readonly port: number;
  readonly certPem: string;
  readonly keyPem: string;
  /** Client certs signed by this bundle authenticate; others (or none) are anonymous. */
  readonly clientCaPem?: string;
}

/** An HTTPS server that asks for (but does not require) a client certificate. */
export function serveTls(o: TlsOptions, handler: Handler): Promise<Server> {
  const server = createHttps(
    {
      cert: o.certPem,
      key: o.keyPem,
      ...(o.clientCaPem ? { ca: o.clientCaPem, requestCert: true, rejectUnauthorized: false } : {}),
    },
    wrap(o.component, handler),
  );
  return listen(server, o.bind, o.port);
}

/** A plain HTTP server (kubelet :10248, kube-proxy :10256). */
export function serveHttp(component: string, bind: string, port: number, handler: Handler): Promise<Server> {
  return listen(createHttp(wrap(component, handler)), bind, port);
}

/** Closes servers, dropping keep-alive connections. */
export async function closeAll(servers: readonly Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        }),
    ),
  );
}
