// Tasks, roles, plays and playbooks: the literal ordered lists an operator writes.

import type { z } from 'zod';
import type { Facts } from '../facts/types.ts';
import type { Host, Inventory } from '../inventory/types.ts';
import type { Action } from '../modules/types.ts';

export interface Task {
  readonly name: string;
  readonly action: Action<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly tags?: readonly string[];
  /** Handlers of the same role (the objects in its `handlers`) to run once at the end of the role if this task changed. */
  readonly notify?: readonly Handler[];
  /** false = skipped on this host (counted as skipped, never probed). */
  readonly when?: boolean;
}

/** Made with defineHandler and named by object in a task's notify and the role's handlers. */
export interface Handler {
  /** Shown in reports and run logs, and names its pending-journal file on the host. */
  readonly name: string;
  /** Runs unconditionally when notified (e.g. a service restart). */
  readonly action: Action<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Read-only view of the run that a role's tasks are computed from. */
export interface RoleContext<V> {
  readonly host: Host;
  readonly facts: Facts;
  readonly vars: V;
  readonly inventory: Inventory;
  /** Facts of another host: this run's, else the state dir's cache, else undefined. */
  factsOf(hostName: string): Facts | undefined;
  /** The state dir on the control machine (PKI, secrets, caches). */
  readonly stateDir: string;
  /** Every host the play targets, limit or not (for peer lists). */
  readonly playHosts: readonly Host[];
  /** --artifacts-dir: an offline mirror of downloads, when given. */
  readonly artifactsDir: string | undefined;
}

export interface HealthGate {
  readonly name: string;
  /** POSIX sh run on the host; exit 0 = healthy. */
  readonly check: string;
  readonly retries: number;
  readonly delayMs: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a play holds roles of any vars and context type
export interface Role<V = any, C = any> {
  readonly name: string;
  /** Schema of the role's vars: validated against merged host vars before any connection. */
  readonly vars: z.ZodType<V> | undefined;
  readonly tags: readonly string[];
  /** Every tag its tasks carry, when the role declares them (undefined: unknown until facts are in). */
  readonly taskTags?: readonly string[];
  /**
   * What the role derives from the run for one host (a model, this host's entry in it): the executor computes
   * it once per host per run from the run's facts and hands it to tasks and health. None: they get undefined.
   */
  context?(ctx: RoleContext<V>): C;
  tasks(ctx: RoleContext<V>, c: C): Task[];
  readonly handlers: readonly Handler[];
  /** Run after the role changed something on a host; with serial, gates the next batch. */
  health?(ctx: RoleContext<V>, c: C): HealthGate | undefined;
  /** Batches of hosts for the whole role (Ansible's serial): a count or a percentage ("34%"). */
  readonly serial: number | string | undefined;
  /**
   * Rolling restarts: the tasks run on every host at once (a first bootstrap starts all members
   * together), then handlers and the health gate run batch by batch; a failure stops the rollout.
   */
  readonly rolling: number | string | undefined;
}

export type Strategy = 'linear' | 'free';

export interface Play {
  readonly name: string;
  /** Host pattern (Ansible grammar). */
  readonly hosts: string;
  readonly roles: readonly Role[];
  readonly serial?: number | string;
  readonly maxFailPercentage?: number;
  readonly anyErrorsFatal?: boolean;
  readonly strategy?: Strategy;
}

/** What a playbook's prepare step sees: local work done once before any connection (e.g. a PKI). */
export interface PrepareContext {
  readonly inventory: Inventory;
  readonly stateDir: string;
  /** --check: compute, but persist nothing that a real apply would not. */
  readonly check: boolean;
  readonly artifactsDir: string | undefined;
  /** The hosts the run targets (after --limit). */
  readonly targets: readonly Host[];
}

export interface Playbook {
  readonly name: string;
  readonly plays: readonly Play[];
  /** Runs on the control machine after validation and before any connection. */
  prepare?(ctx: PrepareContext): Promise<void>;
}
