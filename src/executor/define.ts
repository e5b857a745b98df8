// defineRole / defineHandler / definePlaybook: identity functions that give editors and tsc the full types,
// and refuse at definition what can be known then (a task notifying a handler the role does not have).

import type { z } from 'zod';
import type { Handler, HealthGate, Play, Playbook, PrepareContext, Role, RoleContext, Task } from './types.ts';
import { checkHandlers, checkNotify } from './check-handlers.ts';

/** A role as written; C is what its context() returns (inferred: write context before tasks and health). */
export interface RoleSpec<S extends z.ZodType, C = undefined> {
  readonly name: string;
  /** zod schema of the role's vars; defaults live in the schema (.default()). */
  readonly vars?: S;
  readonly tags?: readonly string[];
  /** Every tag the role's tasks carry: declared, --tags can be checked before any connection (tasks need facts). */
  readonly taskTags?: readonly string[];
  /** Computed once per host per run, before tasks and health, and handed to both (e.g. this host's entry in a model). */
  readonly context?: (ctx: RoleContext<z.output<S>>) => C;
  /** The tasks, per host; a literal list when they need nothing of the host (then checked here, at definition). */
  readonly tasks: readonly Task[] | ((ctx: RoleContext<z.output<S>>, c: C) => Task[]);
  /** Every handler a task may notify: the very objects its tasks name (defineHandler). */
  readonly handlers?: readonly Handler[];
  health?(ctx: RoleContext<z.output<S>>, c: C): HealthGate | undefined;
  readonly serial?: number | string;
  readonly rolling?: number | string;
}

/** A handler, notified by object: `const restart = defineHandler({ name, action })`, then `notify: [restart]`. */
export function defineHandler(spec: Handler): Handler {
  return Object.freeze({ name: spec.name, action: spec.action });
}

/** A typed role: ctx.vars is inferred from the vars schema, c from context(). */
export function defineRole<S extends z.ZodType, C = undefined>(spec: RoleSpec<S, C>): Role<z.output<S>, C> {
  const handlers = spec.handlers ?? [];
  checkHandlers(spec.name, handlers);
  const tasks = spec.tasks;
  if (typeof tasks !== 'function') checkNotify(spec.name, tasks, handlers);
  const role: Role<z.output<S>, C> = {
    name: spec.name,
    vars: spec.vars as z.ZodType<z.output<S>> | undefined,
    tags: spec.tags ?? [],
    taskTags: spec.taskTags,
    tasks: typeof tasks === 'function' ? (ctx, c) => tasks(ctx, c) : () => [...tasks],
    handlers,
    serial: spec.serial,
    rolling: spec.rolling,
  };
  const withContext = spec.context ? { ...role, context: spec.context } : role;
  return spec.health ? { ...withContext, health: (ctx, c) => spec.health!(ctx, c) } : withContext;
}

/** A typed playbook: an ordered list of plays, and an optional local prepare step. */
export function definePlaybook(spec: {
  name: string;
  plays: readonly Play[];
  prepare?: (ctx: PrepareContext) => Promise<void>;
}): Playbook {
  return spec.prepare
    ? { name: spec.name, plays: spec.plays, prepare: spec.prepare }
    : { name: spec.name, plays: spec.plays };
}
