// A role's handlers and the tasks that notify them: checked when the role is defined and again when it is planned.

import { OrchestrateError } from '../errors.ts';
import type { Handler, Task } from './types.ts';

/** Handler names are unique within a role: a name is its pending-journal file on the host. */
export function checkHandlers(role: string, handlers: readonly Handler[]): void {
  const seen = new Set<string>();
  for (const h of handlers) {
    if (seen.has(h.name))
      throw new OrchestrateError('PLAYBOOK_INVALID', `role ${role} has two handlers named "${h.name}"`, {
        fix: `give each handler of role ${role} its own name (it names the handler's pending file on the host)`,
      });
    seen.add(h.name);
  }
}

/** Every handler a task notifies is one of the role's handlers (the same object); PLAYBOOK_INVALID naming the first that is not. */
export function checkNotify(role: string, tasks: readonly Task[], handlers: readonly Handler[]): void {
  const known = new Set(handlers);
  for (const task of tasks)
    for (const h of task.notify ?? []) if (!known.has(h)) throw notInRole(role, task.name, h, handlers);
}

function notInRole(role: string, task: string, h: Handler, handlers: readonly Handler[]): OrchestrateError {
  const names = handlers.map((x) => `"${x.name}"`).join(', ') || 'none';
  const twin = handlers.some((x) => x.name === h.name);
  return new OrchestrateError(
    'PLAYBOOK_INVALID',
    `task "${task}" of role ${role} notifies handler "${h.name}", which is not one of the role's handlers`,
    {
      fix: twin
        ? `the role has another handler object named "${h.name}": define it once (const restart = defineHandler(...)) and use that object in both the task's notify and the role's handlers`
        : `add that handler to role ${role}'s handlers (handlers: [..., restart]), or notify one of its handlers (${names})`,
    },
  );
}
