// Emits one event per planned task and handler (check mode, or after an apply with its outcomes).

import type { EventSink } from '../reporting/events.ts';
import type { RolePlan } from './plan-role.ts';
import type { UnitOutcome } from './apply-script.ts';
import { OrchestrateError } from '../errors.ts';
import { errorInfo } from './error-info.ts';
import { mask } from '../secret.ts';

/** Which part of the plan an apply covered: rolling roles report tasks and handlers separately. */
export type ReportScope = 'all' | 'tasks' | 'handlers';

/** Reports tasks/handlers; with outcomes, a unit that never ran is not reported. */
export function reportPlan(
  plan: RolePlan,
  host: string,
  role: string,
  sink: EventSink,
  outcomes: ReadonlyMap<string, UnitOutcome> | undefined,
  scope: ReportScope,
): void {
  if (scope !== 'handlers')
    for (const p of plan.tasks) {
      const o = outcomes?.get(p.key);
      if (o?.status === 'not-run') continue;
      const status = o?.status === 'failed' ? 'failed' : p.steps.length > 0 ? 'changed' : 'ok';
      const steps = p.steps.map((s) => mask(s.summary));
      const diffs = p.steps.flatMap((s) => (s.kind === 'write' && s.diff ? [mask(s.diff)] : []));
      const error =
        o?.status === 'failed' ? errorInfo(new OrchestrateError('TASK_FAILED', mask(o.output.trim()))) : undefined;
      sink({ type: 'task', host, role, task: p.task.name, status, steps, diffs, ...(error ? { error } : {}) });
    }
  if (scope !== 'tasks')
    for (const h of plan.handlers) {
      const o = outcomes?.get(h.key);
      if (o?.status === 'not-run') continue;
      sink({
        type: 'handler',
        host,
        role,
        handler: h.handler.name,
        status: o?.status === 'failed' ? 'failed' : 'changed',
      });
    }
}
