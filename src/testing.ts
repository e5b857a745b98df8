// 'orchestrate/testing': a role tested without hosts. Given facts, vars and an inventory, a role's tasks
// (what it would run) and their plans (the steps each would take, given what its probe printed on a host).
// Pure but for the state dir: a fresh temp dir unless one is given.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrateError } from './errors.ts';
import { checkNotify } from './executor/check-handlers.ts';
import type { HealthGate, Role, RoleContext, Task } from './executor/types.ts';
import type { Facts } from './facts/types.ts';
import { buildInventory } from './inventory/build.ts';
import { specToRaw } from './inventory/spec.ts';
import type { DefinedInventory, InventorySpec } from './inventory/define.ts';
import type { Inventory } from './inventory/types.ts';
import type { PlanContext, Step } from './modules/types.ts';

/** Facts of a plain Debian 12 amd64 host (systemd running, cgroup v2, no swap), with `overrides` on top. */
export function sampleFacts(overrides: Partial<Facts> = {}): Facts {
  return {
    hostname: 'h1',
    fqdn: 'h1',
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
    arch: 'amd64',
    kernel: '6.1.0-18-amd64',
    addresses: [],
    defaultRoute: undefined,
    routes: [],
    resolvConf: { path: '/etc/resolv.conf', target: undefined, nameservers: ['10.240.0.1'], search: [] },
    resolved: { active: false, stub: false, upstream: [] },
    swap: { totalKb: 0, devices: [] },
    modules: [],
    cgroupVersion: 2,
    capBounding: '000001ffffffffff',
    systemd: { version: 252, running: true },
    gatheredAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * An inventory from what defineInventory takes (`{ vars, hosts, groups }`, or its result), built as the
 * CLI builds a TypeScript inventory (INVENTORY_INVALID when wrong).
 */
export function testInventory(spec: InventorySpec | DefinedInventory): Inventory {
  return buildInventory(specToRaw(spec, 'test-inventory.ts'), { cwd: '/', defaultUser: 'root', homeDir: '/root' });
}

/** What a role is tested against; every field has a default. */
export interface RoleTestOptions {
  /** Default: one host h1 in group all. */
  readonly inventory?: Inventory;
  /** The host the role runs on (default: the inventory's first). */
  readonly host?: string;
  /** Default: sampleFacts() named after the host. */
  readonly facts?: Facts;
  /** Vars over the host's own (as -e would set them), then parsed by the role's vars schema. */
  readonly vars?: Readonly<Record<string, unknown>>;
  /** Facts of the other hosts, by name (default: none known). */
  readonly factsOf?: (host: string) => Facts | undefined;
  /** Default: a fresh temp dir. */
  readonly stateDir?: string;
  readonly artifactsDir?: string;
  /** --diff: probes fetch old content, plans carry diffs (default false). */
  readonly diff?: boolean;
}

/** The context the role's tasks() see, as a run builds it: the vars parsed by the role's schema (a zod error when bad). */
export function roleContext<V>(role: Role<V>, opts: RoleTestOptions = {}): RoleContext<V> {
  const inventory = opts.inventory ?? testInventory({ hosts: { h1: {} } });
  const name = opts.host ?? [...inventory.hosts.keys()][0];
  const host = name === undefined ? undefined : inventory.hosts.get(name);
  if (host === undefined)
    throw new OrchestrateError('INVENTORY_INVALID', `no host ${name ?? '(none)'} in the test inventory`, {
      fix: `name one of: ${[...inventory.hosts.keys()].join(', ') || 'none'}`,
    });
  const merged = { ...host.vars, ...(opts.vars ?? {}) };
  return {
    host: { ...host, vars: merged },
    facts: opts.facts ?? sampleFacts({ hostname: host.name, fqdn: host.name }),
    vars: (role.vars ? role.vars.parse(merged) : merged) as V,
    inventory,
    factsOf: opts.factsOf ?? (() => undefined),
    stateDir: opts.stateDir ?? mkdtempSync(join(tmpdir(), 'orchestrate-testing-')),
    playHosts: [...inventory.hosts.values()],
    artifactsDir: opts.artifactsDir,
  };
}

/**
 * The role's tasks on that host (those with `when: false` included: they are skipped, never probed); a task
 * notifying a handler the role does not list is PLAYBOOK_INVALID, as in a run.
 */
export function roleTasks<V>(role: Role<V>, opts: RoleTestOptions = {}): Task[] {
  return tasksFor(role, roleContext(role, opts));
}

/** The role's health gate on that host (undefined: none). */
export function roleHealth<V>(role: Role<V>, opts: RoleTestOptions = {}): HealthGate | undefined {
  return healthFor(role, roleContext(role, opts));
}

/** The role's tasks for a context the test built: its context() first, as a run computes it (notify checked as roleTasks). */
export function tasksFor<V, C>(role: Role<V, C>, ctx: RoleContext<V>): Task[] {
  const tasks = role.tasks(ctx, hostContext(role, ctx));
  checkNotify(role.name, tasks, role.handlers);
  return tasks;
}

/** The role's health gate for a context the test built (undefined: none). */
export function healthFor<V, C>(role: Role<V, C>, ctx: RoleContext<V>): HealthGate | undefined {
  return role.health?.(ctx, hostContext(role, ctx));
}

/** What the role's context() derives on that host (undefined when it has none). */
export function hostContext<V, C>(role: Role<V, C>, ctx: RoleContext<V>): C {
  return role.context ? role.context(ctx) : (undefined as C);
}

/** The task's probe: the read-only shell snippet the run sends to the host. */
export function taskProbe(task: Task, opts: { readonly facts?: Facts; readonly diff?: boolean } = {}): string {
  return task.action.module.probe(task.action.params, planContext(opts));
}

/** The steps a task would take on a host whose probe printed `probeOutput` ([] = ok, nothing to change). */
export function planTask(
  task: Task,
  probeOutput: string,
  opts: { readonly facts?: Facts; readonly diff?: boolean } = {},
): Step[] {
  const { module, params } = task.action;
  const ctx = planContext(opts);
  return module.plan(params, module.parse(probeOutput, params), ctx);
}

/** One task's plan in rolePlan(). */
export interface PlannedTask {
  readonly task: Task;
  readonly steps: readonly Step[];
}

/**
 * The plan of every task the role runs on that host (not those with `when: false`), given each task's
 * probe output by task name; a task without one is an error naming it.
 */
export function rolePlan<V>(
  role: Role<V>,
  probeOutputs: Readonly<Record<string, string>>,
  opts: RoleTestOptions = {},
): PlannedTask[] {
  const ctx = roleContext(role, opts);
  const tasks = tasksFor(role, ctx);
  return tasks
    .filter((t) => t.when !== false)
    .map((task) => {
      const out = probeOutputs[task.name];
      if (out === undefined)
        throw new OrchestrateError('PROBE_INVALID', `no probe output given for task "${task.name}"`, {
          fix: `give probe outputs for: ${tasks.map((t) => t.name).join(', ')}`,
        });
      return { task, steps: planTask(task, out, { facts: ctx.facts, ...(opts.diff ? { diff: true } : {}) }) };
    });
}

function planContext(opts: { readonly facts?: Facts; readonly diff?: boolean }): PlanContext {
  return { facts: opts.facts, diff: opts.diff === true };
}

export type { Facts, HealthGate, Inventory, Role, RoleContext, Step, Task };
