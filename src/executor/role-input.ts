// What a role sees on one host: the run's view (RoleContext) and what the role derives from it (its context()),
// computed once per host per run and handed to its tasks, its health gate and the probes read ahead for it.

import type { Facts } from '../facts/types.ts';
import type { Role, RoleContext } from './types.ts';

export interface RoleInput {
  readonly ctx: RoleContext<unknown>;
  /** The role's context() on this host (undefined when the role has none). */
  readonly c: unknown;
}

/** Runs the role's context() on ctx: the one place it is called in a run. */
export function roleInput(role: Role, ctx: RoleContext<unknown>): RoleInput {
  return { ctx, c: role.context ? role.context(ctx) : undefined };
}

/**
 * Each role's input per host for one run, kept by the facts it was computed from: the probes sent along with
 * the facts are computed on the cached facts (a guess, dropped when the real ones arrive), everything after on
 * the run's own facts, once. A context() that throws is not kept: the role's own turn reports it.
 */
export class RoleInputs {
  readonly #byFacts = new WeakMap<Facts, Map<string, RoleInput>>();

  of(facts: Facts, roleKey: string, make: () => RoleInput): RoleInput {
    let byRole = this.#byFacts.get(facts);
    if (byRole === undefined) this.#byFacts.set(facts, (byRole = new Map()));
    const hit = byRole.get(roleKey);
    if (hit !== undefined) return hit;
    const input = make();
    byRole.set(roleKey, input);
    return input;
  }
}
