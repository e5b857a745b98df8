// What the plays of one run share, and running one role on one host within it (for every scheduling policy).

import pLimit from 'p-limit';
import type { Host, Inventory } from '../inventory/types.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { EventSink } from '../reporting/events.ts';
import type { Playbook, Role, RoleContext } from './types.ts';
import { failHost, type HostSession } from './sessions.ts';
import { runRoleOnHost, type Deferred, type RoleRunOptions } from './run-role.ts';
import type { ApplyEpoch, HostProber } from './probe-ahead.ts';
import { roleInput, type RoleInput, type RoleInputs } from './role-input.ts';
import type { ResolvedPlay } from './resolve-targets.ts';
import { readFactsCache } from '../facts/cache.ts';
import { DEFAULT_HOST_PATHS, type HostPaths } from './host-paths.ts';

export interface RunPlaybookOptions {
  readonly inventory: Inventory;
  readonly playbook: Playbook;
  readonly limit: string | undefined;
  readonly roles: readonly string[] | undefined;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly check: boolean;
  readonly diff: boolean;
  readonly forks: number | undefined;
  readonly stateDir: string;
  readonly artifactsDir: string | undefined;
  readonly runId: string;
  readonly lockWaitMs: number;
  readonly probeTimeoutMs: number;
  readonly applyTimeoutMs: number;
  /** The engine's files on every host (default: under /var/lib/orchestrate). */
  readonly hostPaths?: HostPaths;
  readonly connect: (host: Host) => Promise<RemoteHost>;
  readonly sink: EventSink;
}

/** What the plays of one run share: each host's prober (probing ahead), the apply epoch, each role's input per host. */
export interface RunScope {
  readonly opts: RunPlaybookOptions;
  readonly plays: readonly ResolvedPlay[];
  readonly sessions: Map<string, HostSession>;
  readonly epoch: ApplyEpoch;
  readonly probers: Map<string, HostProber>;
  readonly inputs: RoleInputs;
}

/** fn on every session, at most `forks` at a time. */
export async function runLimited(
  items: readonly HostSession[],
  forks: number,
  fn: (s: HostSession) => Promise<void>,
): Promise<void> {
  const limit = pLimit(Math.max(1, forks));
  await Promise.all(items.map((s) => limit(() => fn(s))));
}

/** What a role's tasks see on one host. */
function roleContext(
  s: HostSession,
  role: Role,
  play: ResolvedPlay,
  sessions: Map<string, HostSession>,
  opts: RunPlaybookOptions,
): RoleContext<unknown> {
  return {
    host: s.host,
    facts: s.facts!, // sessions without facts never run roles (runOne checks)
    vars: role.vars ? role.vars.parse(s.host.vars) : s.host.vars,
    inventory: opts.inventory,
    factsOf: (name) => sessions.get(name)?.facts ?? readFactsCache(opts.stateDir, name),
    stateDir: opts.stateDir,
    playHosts: play.allHosts,
    artifactsDir: opts.artifactsDir,
  };
}

/** The host paths of a run: its option, else the defaults. */
export function runHostPaths(opts: RunPlaybookOptions): HostPaths {
  return opts.hostPaths ?? DEFAULT_HOST_PATHS;
}

/** What a role's tasks and health gate see on one host: computed once per host per run (role-input.ts). */
export function roleInputOf(s: HostSession, role: Role, play: ResolvedPlay, scope: RunScope): RoleInput {
  // sessions without facts never run roles (runOne checks); the probes sent ahead see the cached ones
  return scope.inputs.of(s.facts!, roleKey(scope, play, role), () =>
    roleInput(role, roleContext(s, role, play, scope.sessions, scope.opts)),
  );
}

/** Names a role of a play within the run: `<play index>/<role index>`. */
export function roleKey(scope: RunScope, play: ResolvedPlay, role: Role): string {
  return `${scope.plays.indexOf(play)}/${play.roles.indexOf(role)}`;
}

/** How a role runs on one host: the run's flags, its probes (sent ahead or now), the apply epoch. */
export function roleOptions(scope: RunScope, s: HostSession, key: string, deferHandlers: boolean): RoleRunOptions {
  const { opts } = scope;
  const prober = scope.probers.get(s.host.name)!; // every session that runs roles is connected
  return {
    check: opts.check,
    diff: opts.diff,
    runId: opts.runId,
    hostPaths: runHostPaths(opts),
    tags: opts.tags,
    skipTags: opts.skipTags,
    probeTimeoutMs: opts.probeTimeoutMs,
    applyTimeoutMs: opts.applyTimeoutMs,
    sink: opts.sink,
    deferHandlers,
    probe: (probes, prepare) => prober.probe(key, probes, prepare, opts.probeTimeoutMs),
    onApply: () => scope.epoch.bump(),
  };
}

/** One role on one host; any error fails (or, if the connection died, unreaches) that host only. */
export async function runOne(
  s: HostSession,
  role: Role,
  play: ResolvedPlay,
  scope: RunScope,
  deferHandlers = false,
): Promise<Deferred | undefined> {
  if (s.status !== 'ok' || !s.remote || !s.facts) return undefined;
  try {
    const r = await runRoleOnHost(
      s.remote,
      role,
      roleInputOf(s, role, play, scope),
      roleOptions(scope, s, roleKey(scope, play, role), deferHandlers),
    );
    return r.deferred;
  } catch (err) {
    failHost(s, err, scope.opts.sink);
    return undefined;
  }
}
