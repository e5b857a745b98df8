// Pure: a role's tasks and handlers plus the probe output in, per-task plans and apply units out.

import type { Handler, Task } from './types.ts';
import type { PlanContext, Step } from '../modules/types.ts';
import type { ProbeOutput } from './probe-script.ts';
import type { ApplyUnit } from './apply-script.ts';
import { DEFAULT_HOST_PATHS, pendingFile, type HostPaths } from './host-paths.ts';
import { OrchestrateError, isOrchestrateError } from '../errors.ts';

export interface PlannedTask {
  readonly key: string;
  readonly task: Task;
  readonly steps: readonly Step[];
}

export interface PlannedHandler {
  readonly key: string;
  readonly handler: Handler;
  readonly steps: readonly Step[];
  /** Why it runs: notified by a change now, or left pending by an interrupted run. */
  readonly reason: 'notified' | 'pending';
}

export interface RolePlan {
  readonly tasks: readonly PlannedTask[];
  readonly handlers: readonly PlannedHandler[];
  readonly units: readonly ApplyUnit[];
}

/** Parses one probe body and plans it; a parser failure becomes PROBE_INVALID naming the task. */
function planOne(
  host: string,
  name: string,
  key: string,
  action: Task['action'],
  probe: ProbeOutput,
  ctx: PlanContext,
): Step[] {
  const body = probe.byKey.get(key);
  if (body === undefined)
    throw new OrchestrateError('PROBE_INVALID', `no probe output for "${name}" on ${host}`, { host });
  try {
    return action.module.plan(action.params, action.module.parse(body, action.params), ctx);
  } catch (err) {
    if (isOrchestrateError(err)) throw err;
    if ((err as Error).name === 'PlanConflict')
      throw new OrchestrateError('PLAN_CONFLICT', `"${name}" on ${host}: ${(err as Error).message}`, {
        host,
        fix: 'the host holds something the task will not overwrite; fix it by hand, then re-run',
        cause: err,
      });
    throw new OrchestrateError('PROBE_INVALID', `"${name}" on ${host}: ${(err as Error).message}`, {
      host,
      cause: err,
    });
  }
}

/** Plans the role on one host; handlers run when notified by a planned change or still pending. */
export function planRole(
  host: string,
  role: string,
  tasks: readonly Task[],
  handlers: readonly Handler[],
  probe: ProbeOutput,
  ctx: PlanContext,
  paths: HostPaths = DEFAULT_HOST_PATHS,
): RolePlan {
  const byName = new Map(handlers.map((h, i) => [h.name, { handler: h, key: `h${i}` }]));
  const planned = tasks.map((task, i) => ({
    key: `t${i}`,
    task,
    steps: planOne(host, task.name, `t${i}`, task.action, probe, ctx),
  }));
  const notified = new Map<string, 'notified' | 'pending'>();
  for (const p of planned) {
    for (const n of p.task.notify ?? []) {
      if (!byName.has(n))
        throw new OrchestrateError(
          'PLAYBOOK_INVALID',
          `task "${p.task.name}" of role ${role} notifies unknown handler "${n}"`,
          {
            fix: `define a handler named "${n}" in role ${role}, or fix the name (known: ${[...byName.keys()].join(', ') || 'none'})`,
          },
        );
      if (p.steps.length > 0) notified.set(n, 'notified');
    }
  }
  for (const n of probe.pending) if (byName.has(n) && !notified.has(n)) notified.set(n, 'pending');
  // Handlers run in definition order, like Ansible, not in notification order.
  const plannedHandlers: PlannedHandler[] = handlers
    .filter((h) => notified.has(h.name))
    .map((h) => {
      const key = byName.get(h.name)!.key;
      return {
        key,
        handler: h,
        reason: notified.get(h.name)!,
        steps: planOne(host, `handler ${h.name}`, key, h.action, probe, ctx),
      };
    });
  const units: ApplyUnit[] = [
    ...planned
      .filter((p) => p.steps.length > 0)
      .map((p) => ({
        key: p.key,
        steps: p.steps,
        recordPending: (p.task.notify ?? []).map((h) => ({ file: pendingFile(role, h, paths), handler: h })),
        clearPending: undefined,
      })),
    ...plannedHandlers.map((h) => ({
      key: h.key,
      steps: h.steps,
      recordPending: [],
      clearPending: pendingFile(role, h.handler.name, paths),
    })),
  ];
  return { tasks: planned, handlers: plannedHandlers, units };
}
