// Per-host session for a run: one connection, the host lock, facts once, and the host's fate.

import pLimit from 'p-limit';
import type { Host } from '../inventory/types.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { Facts } from '../facts/types.ts';
import type { EventSink } from '../reporting/events.ts';
import { gatherFactsThen } from '../facts/gather.ts';
import { readFactsCache, writeFactsCache } from '../facts/cache.ts';
import { DEFAULT_HOST_PATHS } from './host-paths.ts';
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
  /** The host lock's file (default /var/lib/orchestrate/lock). */
  readonly lockFile?: string;
  readonly stateDir: string;
  readonly sink: EventSink;
  /**
   * A script to run right after the facts, in the same round trip (the first probes, read ahead), and
   * what takes its output. Called with the session's facts set to the cached ones (none: not called).
   */
  readonly ahead?: (s: HostSession) => Ahead | undefined;
}

/** See OpenOptions.ahead. */
export interface Ahead {
  readonly script: string;
  keep(stdout: string): void;
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
  const sessions = newSessions(hosts);
  await openEach(sessions, opts);
  return sessions;
}

/** One not yet connected session per host, by name. */
export function newSessions(hosts: readonly Host[]): Map<string, HostSession> {
  return new Map(hosts.map((h) => [h.name, { host: h, remote: undefined, facts: undefined, status: 'ok' }]));
}

/** Connects, locks (apply only) and gathers facts for every session of the map, in parallel, bounded by forks. */
export async function openEach(sessions: Map<string, HostSession>, opts: OpenOptions): Promise<void> {
  const limit = pLimit(Math.max(1, opts.forks));
  await Promise.all(
    [...sessions.values()].map((s) =>
      limit(async () => {
        try {
          s.remote = await opts.connect(s.host);
          opts.sink({ type: 'host-connected', host: s.host.name });
          const remote = s.remote;
          const ahead = aheadOf(s, opts);
          const lockFile = opts.lockFile ?? DEFAULT_HOST_PATHS.lock;
          // An apply gathers facts on the lock's channel once the lock is held: one round trip for both.
          const { facts, then } = await gatherFactsThen(
            opts.lock
              ? { name: remote.name, exec: (script) => remote.lockAndExec(lockFile, opts.lockWaitMs, script) }
              : remote,
            ahead?.script,
          );
          s.facts = facts;
          await writeFactsCache(opts.stateDir, s.host.name, facts);
          // Output that does not parse is simply not kept: each role then probes at its turn (and reports).
          if (ahead && then !== undefined) {
            try {
              ahead.keep(then);
            } catch {
              // probed again at its turn
            }
          }
        } catch (err) {
          failHost(s, err, opts.sink);
        }
      }),
    ),
  );
}

/** The script to send along with the facts, computed with the host's cached facts (none: nothing sent). */
function aheadOf(s: HostSession, opts: OpenOptions): Ahead | undefined {
  if (!opts.ahead) return undefined;
  const cached = readFactsCache(opts.stateDir, s.host.name);
  if (cached === undefined) return undefined;
  s.facts = cached; // synchronously, and only for the call: the real facts replace it once gathered
  try {
    return opts.ahead(s);
  } catch {
    return undefined; // the role reports it at its turn, with the real facts
  } finally {
    s.facts = undefined;
  }
}

/** Closes every connection (which also releases the host locks). */
export async function closeSessions(sessions: Map<string, HostSession>): Promise<void> {
  await Promise.all([...sessions.values()].map((s) => s.remote?.close().catch(() => undefined)));
}
