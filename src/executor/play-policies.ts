// How a play schedules its roles over a batch of hosts: free, linear, serial or rolling. Each policy runs
// what it must and says whether the play goes on ('continue') or stops here ('stop').

import type { Play, Role } from './types.ts';
import { failHost, type HostSession } from './sessions.ts';
import { finishRole, type Deferred } from './run-role.ts';
import { batches, exceedsFailPercentage } from './batches.ts';
import type { ResolvedPlay } from './resolve-targets.ts';
import { roleInputOf, roleKey, roleOptions, runLimited, runOne, type RunScope } from './run-scope.ts';

export type Verdict = 'continue' | 'stop';

/** A policy for one role of a play over the live hosts of a batch. */
export type RolePolicy = (
  role: Role,
  hosts: readonly HostSession[],
  play: ResolvedPlay,
  forks: number,
  scope: RunScope,
) => Promise<Verdict>;

/** any_errors_fatal and max_fail_percentage over a group of hosts. */
export function mustStop(play: Play, group: readonly HostSession[]): boolean {
  const failed = group.filter((s) => s.status !== 'ok').length;
  if (failed > 0 && play.anyErrorsFatal) return true;
  return exceedsFailPercentage(failed, group.length, play.maxFailPercentage);
}

/** strategy 'free': each host goes through every role at its own pace; only the batch's end can stop the play. */
export async function runFree(
  hosts: readonly HostSession[],
  play: ResolvedPlay,
  forks: number,
  scope: RunScope,
): Promise<Verdict> {
  await runLimited(hosts, forks, async (s) => {
    for (const role of play.roles) if (s.status === 'ok') await runOne(s, role, play, scope);
  });
  return 'continue';
}

/** A role without serial: on every live host at once, then the play's failure limits. */
export const runLinear: RolePolicy = async (role, hosts, play, forks, scope) => {
  if (hosts.length === 0) return 'continue';
  await runLimited(hosts, forks, async (s) => void (await runOne(s, role, play, scope)));
  return mustStop(play.play, hosts) ? 'stop' : 'continue';
};

/** A role with serial: batch by batch; a batch in which every host failed stops the rollout (as Ansible's). */
export const runSerial: RolePolicy = async (role, hosts, play, forks, scope) => {
  for (const group of batches(hosts, role.serial)) {
    await runLimited(group, forks, async (s) => void (await runOne(s, role, play, scope)));
    const wholeBatchFailed = group.every((s) => s.status !== 'ok');
    if (wholeBatchFailed || mustStop(play.play, group)) return 'stop';
  }
  return 'continue';
};

/** A rolling role: tasks everywhere at once, then handlers + gate batch by batch. */
export const runRolling: RolePolicy = async (role, hosts, play, forks, scope) => {
  const { opts } = scope;
  const deferred = new Map<HostSession, Deferred>();
  await runLimited(hosts, forks, async (s) => {
    const d = await runOne(s, role, play, scope, true);
    if (d) deferred.set(s, d);
  });
  if (mustStop(play.play, hosts)) return 'stop';
  for (const group of batches([...deferred.keys()], role.rolling)) {
    await runLimited(group, forks, async (s) => {
      if (s.status !== 'ok' || !s.remote) return;
      try {
        await finishRole(
          s.remote,
          role,
          roleInputOf(s, role, play, scope),
          deferred.get(s)!,
          roleOptions(scope, s, roleKey(scope, play, role), false),
        );
      } catch (err) {
        failHost(s, err, opts.sink);
      }
    });
    // A restart that broke a host stops the rollout before the next batch.
    if (group.some((s) => s.status !== 'ok')) return 'stop';
  }
  return 'continue';
};

/** The policy of a role under the linear strategy: rolling wins over serial, as before. */
export function rolePolicy(role: Role): RolePolicy {
  if (role.rolling !== undefined) return runRolling;
  return role.serial !== undefined ? runSerial : runLinear;
}
