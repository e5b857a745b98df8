// defineRole / definePlaybook: identity functions that give editors and tsc the full types.

import type { z } from 'zod';
import type { Handler, HealthGate, Play, Playbook, PrepareContext, Role, RoleContext, Task } from './types.ts';

export interface RoleSpec<S extends z.ZodType> {
  readonly name: string;
  /** zod schema of the role's vars; defaults live in the schema (.default()). */
  readonly vars?: S;
  readonly tags?: readonly string[];
  /** Every tag the role's tasks carry: declared, --tags can be checked before any connection (tasks need facts). */
  readonly taskTags?: readonly string[];
  tasks(ctx: RoleContext<z.output<S>>): Task[];
  readonly handlers?: readonly Handler[];
  health?(ctx: RoleContext<z.output<S>>): HealthGate | undefined;
  readonly serial?: number | string;
  readonly rolling?: number | string;
}

/** A typed role: ctx.vars is inferred from the vars schema. */
export function defineRole<S extends z.ZodType>(spec: RoleSpec<S>): Role<z.output<S>> {
  const role: Role<z.output<S>> = {
    name: spec.name,
    vars: spec.vars as z.ZodType<z.output<S>> | undefined,
    tags: spec.tags ?? [],
    taskTags: spec.taskTags,
    tasks: (ctx) => spec.tasks(ctx),
    handlers: spec.handlers ?? [],
    serial: spec.serial,
    rolling: spec.rolling,
  };
  return spec.health ? { ...role, health: (ctx) => spec.health!(ctx) } : role;
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
