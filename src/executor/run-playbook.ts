// The whole apply: resolve hosts, validate vars, open sessions, run plays by strategy, close.

import pLimit from 'p-limit';
import type { Host, Inventory } from '../inventory/types.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { EventSink } from '../reporting/events.ts';
import type { Play, Playbook, Role, RoleContext } from './types.ts';
import { closeSessions, failHost, newSessions, openEach, type HostSession } from './sessions.ts';
import { finishRole, roleProbes, runRoleOnHost, type Deferred, type RoleRunOptions } from './run-role.ts';
import { ApplyEpoch, HostProber, type UpcomingRole } from './probe-ahead.ts';
import { batches, exceedsFailPercentage } from './batches.ts';
import { resolveTargets, targetHosts, type ResolvedPlay } from './resolve-targets.ts';
import { validateVars } from './validate-vars.ts';
import { readFactsCache } from '../facts/cache.ts';
import { prepareStageShell } from './host-paths.ts';

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
  readonly connect: (host: Host) => Promise<RemoteHost>;
  readonly sink: EventSink;
}

/** What the plays of one run share: each host's prober (probing ahead) and the apply epoch. */
interface RunScope {
  readonly opts: RunPlaybookOptions;
  readonly plays: readonly ResolvedPlay[];
  readonly sessions: Map<string, HostSession>;
  readonly epoch: ApplyEpoch;
  readonly probers: Map<string, HostProber>;
}

export interface RunResult {
  readonly sessions: ReadonlyMap<string, HostSession>;
}

/** Runs a playbook; host failures are recorded in the sessions, never thrown. */
export async function runPlaybook(opts: RunPlaybookOptions): Promise<RunResult> {
  const plays = resolveTargets(opts.inventory, opts.playbook, { limit: opts.limit, roles: opts.roles });
  validateVars(plays, opts.inventory.source);
  const targets = targetHosts(plays);
  await opts.playbook.prepare?.({
    inventory: opts.inventory,
    stateDir: opts.stateDir,
    check: opts.check,
    artifactsDir: opts.artifactsDir,
    targets,
  });
  opts.sink({
    type: 'run-start',
    playbook: opts.playbook.name,
    hosts: targets.map((h) => h.name),
    check: opts.check,
    runId: opts.runId,
  });
  const forks = opts.forks ?? Math.min(64, Math.max(1, targets.length));
  const sessions = newSessions(targets);
  const scope: RunScope = { opts, plays, sessions, epoch: new ApplyEpoch(), probers: new Map() };
  const proberOf = (s: HostSession): HostProber => {
    let p = scope.probers.get(s.host.name);
    if (!p) scope.probers.set(s.host.name, (p = new HostProber(s.remote!, upcomingRoles(s, scope), scope.epoch)));
    return p;
  };
  await openEach(sessions, {
    connect: opts.connect,
    forks,
    lock: !opts.check,
    lockWaitMs: opts.lockWaitMs,
    stateDir: opts.stateDir,
    sink: opts.sink,
    // Every role's probes go along with the facts: a no-op run is one round trip per host.
    ahead: (s) => proberOf(s).ahead(opts.check ? '' : prepareStageShell(opts.runId, s.host.user)),
  });
  for (const s of sessions.values()) if (s.remote) proberOf(s);
  try {
    for (const play of plays) {
      const aborted = await runPlay(play, forks, scope);
      if (aborted) break;
    }
  } finally {
    await closeSessions(sessions);
  }
  return { sessions };
}

/** Runs one play (in play-level serial batches); returns true when the run must stop. */
async function runPlay(play: ResolvedPlay, forks: number, scope: RunScope): Promise<boolean> {
  const { opts, sessions } = scope;
  opts.sink({ type: 'play-start', play: play.play.name, hosts: play.hosts.map((h) => h.name) });
  for (const batch of batches(play.hosts, play.play.serial)) {
    const live = () => batch.map((h) => sessions.get(h.name)!).filter((s) => s.status === 'ok');
    if (play.play.strategy === 'free') {
      await runLimited(live(), forks, async (s) => {
        for (const role of play.roles) if (s.status === 'ok') await runOne(s, role, play, scope);
      });
    } else {
      for (const role of play.roles) {
        if (role.rolling !== undefined) {
          if (await runRolling(role, live(), play, forks, scope)) return true;
          continue;
        }
        for (const group of batches(live(), role.serial)) {
          await runLimited(group, forks, async (s) => void (await runOne(s, role, play, scope)));
          // As Ansible's serial: a batch in which every host failed stops the rollout.
          const wholeBatchFailed = role.serial !== undefined && group.every((s) => s.status !== 'ok');
          if (wholeBatchFailed || mustStop(play.play, group)) return true;
        }
      }
    }
    if (
      mustStop(
        play.play,
        batch.map((h) => sessions.get(h.name)!),
      )
    )
      return true;
  }
  return false;
}

function mustStop(play: Play, group: readonly HostSession[]): boolean {
  const failed = group.filter((s) => s.status !== 'ok').length;
  if (failed > 0 && play.anyErrorsFatal) return true;
  return exceedsFailPercentage(failed, group.length, play.maxFailPercentage);
}

async function runLimited(
  items: readonly HostSession[],
  forks: number,
  fn: (s: HostSession) => Promise<void>,
): Promise<void> {
  const limit = pLimit(Math.max(1, forks));
  await Promise.all(items.map((s) => limit(() => fn(s))));
}

/** A rolling role: tasks everywhere at once, then handlers + gate batch by batch; returns true to stop. */
async function runRolling(
  role: Role,
  hosts: readonly HostSession[],
  play: ResolvedPlay,
  forks: number,
  scope: RunScope,
): Promise<boolean> {
  const { opts, sessions } = scope;
  const deferred = new Map<HostSession, Deferred>();
  await runLimited(hosts, forks, async (s) => {
    const d = await runOne(s, role, play, scope, true);
    if (d) deferred.set(s, d);
  });
  if (mustStop(play.play, hosts)) return true;
  for (const group of batches([...deferred.keys()], role.rolling)) {
    await runLimited(group, forks, async (s) => {
      if (s.status !== 'ok' || !s.remote) return;
      try {
        await finishRole(
          s.remote,
          role,
          roleContext(s, role, play, sessions, opts),
          deferred.get(s)!,
          roleOptions(scope, s, roleKey(scope, play, role), false),
        );
      } catch (err) {
        failHost(s, err, opts.sink);
      }
    });
    // A restart that broke a host stops the rollout before the next batch.
    if (group.some((s) => s.status !== 'ok')) return true;
  }
  return false;
}

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

/** Names a role of a play within the run: `<play index>/<role index>`. */
function roleKey(scope: RunScope, play: ResolvedPlay, role: Role): string {
  return `${scope.plays.indexOf(play)}/${play.roles.indexOf(role)}`;
}

/** The roles a host runs in this run, in order, with their probes computed on demand. */
function upcomingRoles(s: HostSession, scope: RunScope): UpcomingRole[] {
  return scope.plays.flatMap((play) =>
    play.hosts.some((h) => h.name === s.host.name)
      ? play.roles.map((role) => ({
          key: roleKey(scope, play, role),
          probes: () => roleProbes(role, roleContext(s, role, play, scope.sessions, scope.opts), scope.opts).probes,
        }))
      : [],
  );
}

function roleOptions(scope: RunScope, s: HostSession, key: string, deferHandlers: boolean): RoleRunOptions {
  const { opts } = scope;
  const prober = scope.probers.get(s.host.name)!; // every session that runs roles is connected
  return {
    check: opts.check,
    diff: opts.diff,
    runId: opts.runId,
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
async function runOne(
  s: HostSession,
  role: Role,
  play: ResolvedPlay,
  scope: RunScope,
  deferHandlers = false,
): Promise<Deferred | undefined> {
  const { opts, sessions } = scope;
  if (s.status !== 'ok' || !s.remote || !s.facts) return undefined;
  try {
    const r = await runRoleOnHost(
      s.remote,
      role,
      roleContext(s, role, play, sessions, opts),
      roleOptions(scope, s, roleKey(scope, play, role), deferHandlers),
    );
    return r.deferred;
  } catch (err) {
    failHost(s, err, opts.sink);
    return undefined;
  }
}
