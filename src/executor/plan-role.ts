// Pure: a role's tasks and handlers plus the probe output in, per-task plans and apply units out.

import type { Handler, Task } from './types.ts';
import type { PlanContext, Step } from '../modules/types.ts';
import type { ProbeOutput } from './probe-script.ts';
import type { ApplyUnit } from './apply-script.ts';
import { DEFAULT_HOST_PATHS, pendingFile, type HostPaths } from './host-paths.ts';
import { OrchestrateError, isOrchestrateError } from '../errors.ts';
import { checkNotify } from './check-handlers.ts';

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
  checkNotify(role, tasks, handlers);
  const keyOf = new Map(handlers.map((h, i) => [h, `h${i}`]));
  const planned = tasks.map((task, i) => ({
    key: `t${i}`,
    task,
    steps: planOne(host, task.name, `t${i}`, task.action, probe, ctx),
  }));
  const notified = new Map<Handler, 'notified' | 'pending'>();
  for (const p of planned) if (p.steps.length > 0) for (const h of p.task.notify ?? []) notified.set(h, 'notified');
  // The journal names handlers by name (its file names); names are unique within a role (checkHandlers).
  for (const n of probe.pending) {
    const h = handlers.find((x) => x.name === n);
    if (h && !notified.has(h)) notified.set(h, 'pending');
  }
  // Handlers run in definition order, like Ansible, not in notification order.
  const plannedHandlers: PlannedHandler[] = handlers
    .filter((h) => notified.has(h))
    .map((h) => {
      const key = keyOf.get(h)!;
      return {
        key,
        handler: h,
        reason: notified.get(h)!,
        steps: planOne(host, `handler ${h.name}`, key, h.action, probe, ctx),
      };
    });
  const units: ApplyUnit[] = [
    ...planned
      .filter((p) => p.steps.length > 0)
      .map((p) => ({
        key: p.key,
        steps: p.steps,
        recordPending: (p.task.notify ?? []).map((h) => ({ file: pendingFile(role, h.name, paths), handler: h.name })),
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
