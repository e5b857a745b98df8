// connect(): one verified, authenticated SSH connection per host, with retries for transient failures.

import type { Client } from 'ssh2';
import { OrchestrateError } from '../errors.ts';
import type { Host } from '../inventory/types.ts';
import { AttemptFailure, openClient } from './client-connect.ts';
import type { SshTarget } from './client-connect.ts';
import { connectError, isRetryable } from './connect-errors.ts';
import { resolveConnectOptions } from './options.ts';
import type { ConnectOptions, ResolvedConnectOptions } from './options.ts';
import { SshRemoteHost } from './remote-host.ts';
import { forwardThrough, openProxyCommand, parseJump } from './transport.ts';
import type { Transport } from './transport.ts';
import type { RemoteHost } from './types.ts';

export type { ConnectOptions } from './options.ts';

/**
 * Connects to host (directly, through its jump host or its proxy command), verifying the host
 * key under opts.hostKeyPolicy. Refused / timed-out / reset attempts are retried with backoff;
 * auth and host key failures are not. Rejects with an OrchestrateError naming the host.
 */
export async function connect(host: Host, options: ConnectOptions): Promise<RemoteHost> {
  const opts = resolveConnectOptions(options);
  const { client, transport } = await openConnection(host, opts);
  return new SshRemoteHost(host, client, opts, () => transport?.close());
}

/** The connected ssh2 Client (and what carries it) behind connect(), with its retries. */
export async function openConnection(
  host: Host,
  opts: ResolvedConnectOptions,
): Promise<{ client: Client; transport: Transport | undefined }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(host, opts);
    } catch (err) {
      if (!(err instanceof AttemptFailure)) throw err;
      if (attempt > opts.retries || !isRetryable(err.cause)) throw connectError(err.cause, err.ctx, attempt);
      await new Promise((r) => setTimeout(r, opts.retryDelayMs * 2 ** (attempt - 1)));
    }
  }
}

async function attemptOnce(
  host: Host,
  opts: ResolvedConnectOptions,
): Promise<{ client: Client; transport: Transport | undefined }> {
  const target: SshTarget = {
    label: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    identityFile: host.identityFile,
  };
  const transport = await openTransport(host, opts);
  try {
    const client = await openClient(transport ? { ...target, via: transport.via } : target, opts, transport?.sock);
    return { client, transport };
  } catch (err) {
    // Give a dying proxy command a moment to finish its stderr, which usually says why.
    if (transport) await Promise.race([transport.ended(), new Promise((r) => setTimeout(r, 300))]);
    transport?.close();
    const detail = transport?.detail() ?? '';
    if (err instanceof AttemptFailure && detail !== '') {
      const cause = new Error(`${err.message}; ${detail}`, { cause: err.cause });
      const { code, level } = err.cause as { code?: unknown; level?: unknown };
      throw new AttemptFailure(Object.assign(cause, { code, level }), err.ctx);
    }
    throw err;
  }
}

/** The jump host's forwarded channel, the proxy command's stdio, or undefined for plain TCP. */
async function openTransport(host: Host, opts: ResolvedConnectOptions): Promise<Transport | undefined> {
  if (host.proxyCommand !== undefined && host.jump !== undefined) {
    throw new OrchestrateError('INVENTORY_INVALID', `${host.name}: both jump and proxyCommand are set`, {
      host: host.name,
      fix: 'keep one of them',
    });
  }
  if (host.proxyCommand !== undefined) return openProxyCommand(host.proxyCommand, host);
  if (host.jump === undefined) return undefined;
  let via: ReturnType<typeof parseJump>;
  try {
    via = parseJump(host.jump, host.user);
  } catch (err) {
    throw new OrchestrateError('INVENTORY_INVALID', `${host.name}: ${(err as Error).message}`, {
      host: host.name,
      fix: 'write jump as [user@]host[:port]',
      cause: err,
    });
  }
  const name = `${via.address}:${via.port}`;
  const bastion = await openClient(
    {
      label: `${host.name} (jump host ${name})`,
      address: via.address,
      port: via.port,
      user: via.user,
      identityFile: host.identityFile,
    },
    opts,
  );
  try {
    return await forwardThrough(bastion, name, host);
  } catch (err) {
    const ctx = {
      label: host.name,
      address: host.address,
      port: host.port,
      user: host.user,
      timeoutMs: opts.connectTimeoutMs,
      tried: [],
      via: `via jump host ${name}`,
    };
    throw new AttemptFailure(err, ctx);
  }
}
