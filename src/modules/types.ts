// The contract every module follows: a read-only probe, a pure parser, a pure planner.

import type { Facts } from '../facts/types.ts';
import type { Secret } from '../secret.ts';

/** What a planner may consult besides the probe's output. */
export interface PlanContext {
  readonly facts: Facts | undefined;
  /** --diff was asked for: probes fetch old content, planners attach unified diffs. */
  readonly diff: boolean;
}

/** A shell step run inside the host's apply script (set -e semantics). */
export interface RunStep {
  readonly kind: 'run';
  /** One line for humans, e.g. "systemctl daemon-reload". */
  readonly summary: string;
  readonly script: string;
}

/** Content placed atomically: SFTP to a temp file in the target dir, fsync, chmod/chown, rename. */
export interface WriteStep {
  readonly kind: 'write';
  readonly summary: string;
  readonly path: string;
  readonly source: { readonly content: string | Buffer | Secret } | { readonly file: string; readonly sha256: string };
  readonly mode: string; // octal, e.g. '0644'
  readonly owner: string | undefined;
  readonly group: string | undefined;
  /** Unified diff (secrets masked) when --diff was asked. */
  readonly diff: string | undefined;
}

export type Step = RunStep | WriteStep;

export interface Module<P, S> {
  /** Stable id, e.g. 'file', 'systemd.unit'. */
  readonly id: string;
  /** A read-only POSIX sh snippet; its stdout is given to parse(). Must never change anything. */
  probe(params: P, ctx: PlanContext): string;
  /** Pure: the probe's stdout to a typed state. Throws PROBE_INVALID on garbage. */
  parse(stdout: string, params: P): S;
  /** Pure: the steps still needed to reach params from state; [] means ok (not changed). */
  plan(params: P, state: S, ctx: PlanContext): Step[];
}

/** A module bound to its params: what a task runs. */
export interface Action<P = unknown, S = unknown> {
  readonly module: Module<P, S>;
  readonly params: P;
}

/** Binds params to a module with full type inference: action(fileModule, {...}). */
export function action<P, S>(module: Module<P, S>, params: P): Action<P, S> {
  return { module, params };
}
