// The mux's wire format: one JSON object per line over a unix socket, one socket per host lease.

import type { Socket } from 'node:net';
import { ERROR_CODES, OrchestrateError, type ErrorCode } from '../../errors.ts';
import type { ConnectionSettings } from '../../inventory/connection.ts';
import type { Host, HostKeyPolicy } from '../../inventory/types.ts';
import type { ExecResult } from '../types.ts';

/** Bumped on any change of the messages below (it names the socket: see muxSocketPath). */
export const PROTOCOL_VERSION = 1;

/** What the daemon needs of a host: its name and connection settings (how to reach it, become). */
export type MuxHost = Pick<Host, 'name'> & ConnectionSettings;

/** The connection settings a lease carries (functions and defaults stay on the client). */
export interface MuxOptions {
  readonly knownHostsFile: string;
  readonly hostKeyPolicy: HostKeyPolicy;
  readonly connectTimeoutMs?: number;
  readonly retries?: number;
  readonly retryDelayMs?: number;
  readonly execTimeoutMs?: number;
  readonly agentSocket?: string;
  readonly sshDir?: string;
  readonly runInfo?: string;
}

export type Request =
  /** idleMs: how long the daemon stays up once no lease is open (the latest attach decides). */
  | { readonly t: 'attach'; readonly host: MuxHost; readonly opts: MuxOptions; readonly idleMs: number }
  | {
      readonly t: 'exec';
      readonly id: number;
      readonly script: string;
      readonly timeoutMs?: number;
      readonly become?: boolean;
    }
  | {
      readonly t: 'upload';
      readonly id: number;
      readonly path: string;
      readonly content?: string;
      readonly file?: string;
      readonly timeoutMs?: number;
    }
  | { readonly t: 'lock'; readonly id: number; readonly path: string; readonly waitMs: number }
  | {
      readonly t: 'lockAndExec';
      readonly id: number;
      readonly path: string;
      readonly waitMs: number;
      readonly script: string;
      readonly timeoutMs?: number;
    }
  | { readonly t: 'stop' };

export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly host?: string;
  readonly fix?: string;
}

export type Reply =
  | { readonly t: 'attached'; readonly reused: boolean }
  | { readonly t: 'done'; readonly id: number; readonly result?: ExecResult }
  | { readonly t: 'error'; readonly id?: number; readonly error: WireError };

export function toWire(err: unknown): WireError {
  if (err instanceof OrchestrateError)
    return {
      code: err.code,
      message: err.message,
      ...(err.host === undefined ? {} : { host: err.host }),
      ...(err.fix === undefined ? {} : { fix: err.fix }),
    };
  // Anything else went wrong in the connection's process: to the run, the host is not usable.
  return { code: 'UNREACHABLE', message: `connection mux: ${err instanceof Error ? err.message : String(err)}` };
}

export function fromWire(w: WireError): OrchestrateError {
  const code = (ERROR_CODES as readonly string[]).includes(w.code) ? (w.code as ErrorCode) : 'UNREACHABLE';
  return new OrchestrateError(code, w.message, {
    ...(w.host === undefined ? {} : { host: w.host }),
    ...(w.fix === undefined ? {} : { fix: w.fix }),
  });
}

/** Writes one message. */
export function send(sock: Socket, msg: Request | Reply): void {
  if (!sock.destroyed) sock.write(`${JSON.stringify(msg)}\n`);
}

/** Calls onMessage for every whole line that arrives; a line that is not JSON ends the socket (after onBad). */
export function onMessages<T>(sock: Socket, onMessage: (msg: T) => void, onBad?: () => void): void {
  let buf = '';
  sock.setEncoding('utf8');
  sock.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let msg: T;
      try {
        msg = JSON.parse(line) as T;
      } catch {
        onBad?.();
        sock.destroy();
        return;
      }
      onMessage(msg);
    }
  });
}
