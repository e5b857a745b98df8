// The whole apply: resolve hosts, validate vars, open sessions, run plays by strategy, close.

import { closeSessions, newSessions, openEach, type HostSession } from './sessions.ts';
import { roleProbes } from './run-role.ts';
import { ApplyEpoch, HostProber, type UpcomingRole } from './probe-ahead.ts';
import { batches } from './batches.ts';
import { resolveTargets, targetHosts, type ResolvedPlay } from './resolve-targets.ts';
import { validateVars } from './validate-vars.ts';
import { prepareStageShell } from './host-paths.ts';
import { roleInputOf, roleKey, runHostPaths, type RunPlaybookOptions, type RunScope } from './run-scope.ts';
import { RoleInputs } from './role-input.ts';
import { mustStop, rolePolicy, runFree, type Verdict } from './play-policies.ts';

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
  const paths = runHostPaths(opts);
  const scope: RunScope = {
    opts,
    plays,
    sessions,
    epoch: new ApplyEpoch(),
    probers: new Map(),
    inputs: new RoleInputs(),
  };
  const proberOf = (s: HostSession): HostProber => {
    let p = scope.probers.get(s.host.name);
    if (!p) {
      p = new HostProber(s.remote!, upcomingRoles(s, scope), scope.epoch, paths.pending);
      scope.probers.set(s.host.name, p);
    }
    return p;
  };
  await openEach(sessions, {
    connect: opts.connect,
    forks,
    lock: !opts.check,
    lockWaitMs: opts.lockWaitMs,
    lockFile: paths.lock,
    stateDir: opts.stateDir,
    sink: opts.sink,
    // Every role's probes go along with the facts: a no-op run is one round trip per host.
    ahead: (s) => proberOf(s).ahead(opts.check ? '' : prepareStageShell(opts.runId, s.host.user, paths)),
  });
  for (const s of sessions.values()) if (s.remote) proberOf(s);
  try {
    for (const play of plays) if ((await runPlay(play, forks, scope)) === 'stop') break;
  } finally {
    await closeSessions(sessions);
  }
  return { sessions };
}

/** Runs one play batch by batch (the play's serial): its strategy's policy, then the play's failure limits. */
async function runPlay(play: ResolvedPlay, forks: number, scope: RunScope): Promise<Verdict> {
  const { opts, sessions } = scope;
  opts.sink({ type: 'play-start', play: play.play.name, hosts: play.hosts.map((h) => h.name) });
  for (const batch of batches(play.hosts, play.play.serial)) {
    const group = batch.map((h) => sessions.get(h.name)!);
    // Read again before each role: a host an earlier role failed takes no further part.
    const live = () => group.filter((s) => s.status === 'ok');
    if (play.play.strategy === 'free') {
      if ((await runFree(live(), play, forks, scope)) === 'stop') return 'stop';
    } else
      for (const role of play.roles)
        if ((await rolePolicy(role)(role, live(), play, forks, scope)) === 'stop') return 'stop';
    if (mustStop(play.play, group)) return 'stop';
  }
  return 'continue';
}

/** The roles a host runs in this run, in order, with their probes computed on demand. */
function upcomingRoles(s: HostSession, scope: RunScope): UpcomingRole[] {
  return scope.plays.flatMap((play) =>
    play.hosts.some((h) => h.name === s.host.name)
      ? play.roles.map((role) => ({
          key: roleKey(scope, play, role),
          probes: () => roleProbes(role, roleInputOf(s, role, play, scope), scope.opts).probes,
        }))
      : [],
  );
}
