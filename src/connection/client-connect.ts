// One connection attempt: an ssh2 Client verified against known_hosts and authenticated, or why not.

import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { planAuth } from './auth.ts';
import type { FailureContext } from './connect-errors.ts';
import { guardHostKey } from './host-key-verifier.ts';
import type { HostKeyTarget } from './host-key-verifier.ts';
import type { ResolvedConnectOptions } from './options.ts';

export interface SshTarget extends HostKeyTarget {
  readonly user: string;
  readonly identityFile: string | undefined;
  /** Route description for messages (`via jump host ...`). */
  readonly via?: string;
}

/** The host key each connected Client was verified with (the mux checks it again on every reuse). */
export const verifiedHostKey = new WeakMap<Client, Buffer>();

/** A failed attempt: the raw cause (for retry decisions) and what to name in the final message. */
export class AttemptFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly ctx: FailureContext,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'AttemptFailure';
  }
}

/**
 * Connects once. Rejects with an OrchestrateError for problems a retry cannot fix (host key, key
 * files) and with AttemptFailure for network and auth failures.
 */
export async function openClient(target: SshTarget, opts: ResolvedConnectOptions, sock?: Duplex): Promise<Client> {
  const auth = await planAuth(target.label, target.user, {
    identityFile: target.identityFile,
    agentSocket: opts.agentSocket,
    sshDir: opts.sshDir,
  });
  const guard = await guardHostKey(opts.knownHostsFile, opts.hostKeyPolicy, target);
  const ctx: FailureContext = {
    label: target.label,
    address: target.address,
    port: target.port,
    user: target.user,
    timeoutMs: opts.connectTimeoutMs,
    tried: auth.tried,
    ...(target.via === undefined ? {} : { via: target.via }),
  };
  const client = new ssh2.Client();
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(guard.failure() ?? new AttemptFailure(err, ctx));
    };
    // Errors after 'ready' belong to the RemoteHost; this listener only keeps them from crashing.
    client.on('error', fail);
    client.on('close', () => fail(new Error('Connection lost before handshake')));
    client.on('ready', () => {
      settled = true;
      resolve(client);
    });
    // A transport that died while we prepared (a proxy command exiting at once) emits nothing more.
    if (sock?.destroyed) return fail(new Error('Connection lost before handshake'));
    client.connect({
      host: target.address,
      port: target.port,
      username: target.user,
      ...(sock === undefined ? {} : { sock }),
      authHandler: [...auth.methods],
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        verifiedHostKey.set(client, key);
        guard.hostVerifier(key, verify);
      },
      algorithms: { serverHostKey: guard.serverHostKey },
      readyTimeout: opts.connectTimeoutMs,
      keepaliveInterval: opts.keepaliveIntervalMs,
      keepaliveCountMax: opts.keepaliveCountMax,
    });
  });
}
