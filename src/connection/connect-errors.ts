// Why a connection attempt failed, whether retrying can help, and the UNREACHABLE error to report.

import { OrchestrateError, isOrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';

export type ConnectFailure = 'refused' | 'timeout' | 'reset' | 'no-route' | 'dns' | 'auth' | 'lost' | 'other';

/** Classifies an ssh2 / socket error raised while connecting. */
export function classifyConnectError(err: unknown): ConnectFailure {
  const e = err as { code?: unknown; level?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const msg = typeof e.message === 'string' ? e.message : '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT' || e.level === 'client-timeout') return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'no-route';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || e.level === 'client-dns') return 'dns';
  if (e.level === 'client-authentication') return 'auth';
  if (/Connection lost before handshake|No response from server/.test(msg)) return 'lost';
  return 'other';
}

/** Refused, timed out, reset and lost-before-handshake are worth another try; auth and host keys never. */
export function isRetryable(err: unknown): boolean {
  if (isOrchestrateError(err)) return false;
  const kind = classifyConnectError(err);
  return kind === 'refused' || kind === 'timeout' || kind === 'reset' || kind === 'lost';
}

export interface FailureContext {
  /** Host name as in the inventory (or `name (jump host x)`). */
  readonly label: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly timeoutMs: number;
  readonly tried: readonly string[];
  /** Route description, e.g. `via jump host bastion:22` or `via proxy command ...`. */
  readonly via?: string;
}

/** An UNREACHABLE error naming the endpoint, the cause in words and the fix. */
export function connectError(err: unknown, ctx: FailureContext, attempts: number): OrchestrateError {
  if (isOrchestrateError(err)) return err;
  const where = `${ctx.address}:${ctx.port}${ctx.via ? ` ${ctx.via}` : ''}`;
  const raw = mask(err instanceof Error ? err.message : String(err));
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  const [cause, fix] = describe(classifyConnectError(err), ctx, raw);
  return new OrchestrateError('UNREACHABLE', `${ctx.label}: cannot connect to ${where}: ${cause}${tries}`, {
    host: ctx.label,
    fix,
    cause: err,
  });
}

function describe(kind: ConnectFailure, ctx: FailureContext, raw: string): [string, string] {
  switch (kind) {
    case 'refused':
      return ['connection refused', `check that sshd runs on ${ctx.address} and listens on port ${ctx.port}`];
    case 'timeout':
      return [
        `timed out after ${ctx.timeoutMs / 1000}s (${raw})`,
        'check the address, firewalls and routes, or raise the connect timeout',
      ];
    case 'reset':
      return [`connection reset (${raw})`, 'check sshd logs on the host (MaxStartups, TCP wrappers, fail2ban)'];
    case 'no-route':
      return [`no route to host (${raw})`, `check that ${ctx.address} is up and routable from here`];
    case 'dns':
      return [`name does not resolve (${raw})`, 'fix the address (ansible_host) in the inventory or DNS'];
    case 'auth':
      return [
        `authentication failed for user ${ctx.user} (tried: ${ctx.tried.join(', ') || 'nothing'})`,
        `authorize one of those keys in ~${ctx.user}/.ssh/authorized_keys on the host, or set identityFile / user in the inventory`,
      ];
    case 'lost':
      return [
        `connection closed before the SSH handshake (${raw})`,
        'check sshd on the host, and the jump host or proxy command if any',
      ];
    case 'other':
      return [raw, 'check sshd on the host and the connection settings in the inventory'];
  }
}
