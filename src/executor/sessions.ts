// Per-host session for a run: one connection, the host lock, facts once, and the host's fate.

import pLimit from 'p-limit';
import type { Host } from '../inventory/types.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { Facts } from '../facts/types.ts';
import type { EventSink } from '../reporting/events.ts';
import { gatherFacts } from '../facts/gather.ts';
import { writeFactsCache } from '../facts/cache.ts';
import { LOCK_FILE } from './host-paths.ts';
import { errorInfo } from './error-info.ts';
import { isOrchestrateError } from '../errors.ts';

export interface HostSession {
  readonly host: Host;
  remote: RemoteHost | undefined;
  facts: Facts | undefined;
  /** 'failed' and 'unreachable' hosts run nothing more in this run. */
  status: 'ok' | 'failed' | 'unreachable';
}

export interface OpenOptions {
  readonly connect: (host: Host) => Promise<RemoteHost>;
  readonly forks: number;
  readonly lock: boolean;
  readonly lockWaitMs: number;
  readonly stateDir: string;
  readonly sink: EventSink;
}

/** Marks a host failed or unreachable (by the error's code) and reports it once. */
export function failHost(s: HostSession, err: unknown, sink: EventSink): void {
  if (s.status !== 'ok') return;
  // As Ansible: a host we cannot (safely) talk to is unreachable, including a refused host key.
  const unreachable = isOrchestrateError(err, 'UNREACHABLE', 'HOST_KEY_MISMATCH', 'HOST_KEY_UNKNOWN');
  s.status = unreachable ? 'unreachable' : 'failed';
  sink({ type: unreachable ? 'host-unreachable' : 'host-failed', host: s.host.name, error: errorInfo(err) });
}

/** Connects, locks (apply only) and gathers facts on every host in parallel, bounded by forks. */
export async function openSessions(hosts: readonly Host[], opts: OpenOptions): Promise<Map<string, HostSession>> {
  const limit = pLimit(Math.max(1, opts.forks));
  const sessions = new Map<string, HostSession>(
    hosts.map((h) => [h.name, { host: h, remote: undefined, facts: undefined, status: 'ok' }]),
  );
  await Promise.all(
    [...sessions.values()].map((s) =>
      limit(async () => {
        try {
          s.remote = await opts.connect(s.host);
          opts.sink({ type: 'host-connected', host: s.host.name });
          const remote = s.remote;
          // An apply gathers facts on the lock's channel once the lock is held: one round trip for both.
          const facts = await gatherFacts(
            opts.lock
              ? { name: remote.name, exec: (script) => remote.lockAndExec(LOCK_FILE, opts.lockWaitMs, script) }
              : remote,
          );
          s.facts = facts;
          await writeFactsCache(opts.stateDir, s.host.name, facts);
        } catch (err) {
          failHost(s, err, opts.sink);
        }
      }),
    ),
  );
  return sessions;
}

/** Closes every connection (which also releases the host locks). */
export async function closeSessions(sessions: Map<string, HostSession>): Promise<void> {
  await Promise.all([...sessions.values()].map((s) => s.remote?.close().catch(() => undefined)));
}
