// Connection settings shared by every host of a run, with their documented defaults.

import type { HostKeyPolicy } from '../inventory/types.ts';

export interface ConnectOptions {
  /** known_hosts file every host key (targets and jump hosts) is checked against. */
  readonly knownHostsFile: string;
  /** strict: unknown keys are refused; accept-new: unknown keys are recorded once. Never off. */
  readonly hostKeyPolicy: HostKeyPolicy;
  /** TCP connect + SSH handshake + auth limit per attempt. Default 10 000 ms. */
  readonly connectTimeoutMs?: number;
  /** Extra attempts after refused / timed out / reset connections. Default 2. */
  readonly retries?: number;
  /** First backoff delay, doubled per retry. Default 1 000 ms. */
  readonly retryDelayMs?: number;
  /** SSH keepalive interval. Default 5 000 ms. */
  readonly keepaliveIntervalMs?: number;
  /** Unanswered keepalives before the connection counts as lost. Default 3. */
  readonly keepaliveCountMax?: number;
  /** exec() timeout when the call gives none. Default 300 000 ms. */
  readonly execTimeoutMs?: number;
  /** Agent socket; default SSH_AUTH_SOCK. */
  readonly agentSocket?: string;
  /** Directory of the default keys (id_ed25519, id_rsa); default ~/.ssh. */
  readonly sshDir?: string;
  /** Written next to a host lock while held, shown to a run refused with LOCK_HELD. */
  readonly runInfo?: string;
}

/** The options with every default filled in. */
export type ResolvedConnectOptions = Required<Omit<ConnectOptions, 'agentSocket' | 'sshDir' | 'runInfo'>> &
  Pick<ConnectOptions, 'agentSocket' | 'sshDir' | 'runInfo'>;

/** Fills in the defaults documented on ConnectOptions. */
export function resolveConnectOptions(opts: ConnectOptions): ResolvedConnectOptions {
  return {
    connectTimeoutMs: 10_000,
    retries: 2,
    retryDelayMs: 1_000,
    keepaliveIntervalMs: 5_000,
    keepaliveCountMax: 3,
    execTimeoutMs: 300_000,
    ...opts,
  };
}
