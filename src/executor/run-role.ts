// Runs one role on one host: ONE probe round trip, a pure plan, ONE apply round trip if needed.

import type { Role, Task } from './types.ts';
import type { RoleInput } from './role-input.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { EventSink } from '../reporting/events.ts';
import type { PlanContext } from '../modules/types.ts';
import type { ApplyUnit } from './apply-script.ts';
import type { ProbeOutput, RoleProbes } from './probe-script.ts';
import { planRole, type RolePlan } from './plan-role.ts';
import { prepareStageShell, type HostPaths } from './host-paths.ts';
import { runHealthGate } from './health-gate.ts';
import { selectTasks } from './select-tasks.ts';
import { applyUnits } from './apply-units.ts';
import { reportPlan } from './report-plan.ts';

export interface RoleRunOptions {
  readonly check: boolean;
  readonly diff: boolean;
  readonly runId: string;
  /** The engine's files on the host (journal, staging). */
  readonly hostPaths: HostPaths;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly probeTimeoutMs: number;
  readonly applyTimeoutMs: number;
  readonly sink: EventSink;
  /** Rolling roles: apply the tasks now, leave handlers and the health gate to finishRole(). */
  readonly deferHandlers?: boolean;
  /** Where probe output comes from: the host's prober (one exec, reading later roles ahead; probe-ahead.ts). */
  readonly probe: (probes: RoleProbes, prepare: string) => Promise<ProbeOutput>;
  /** Called before and after anything is applied on the host (the apply epoch). */
  readonly onApply?: () => void;
}

/** Handlers (and the gate) still to run on a host of a rolling role. */
export interface Deferred {
  readonly plan: RolePlan;
  readonly units: readonly ApplyUnit[];
  readonly changed: number;
}

export interface RoleResult {
  readonly changed: number;
  readonly deferred: Deferred | undefined;
}

const isHandler = (u: ApplyUnit): boolean => u.key.startsWith('h');

/** The role's selected tasks on a host and the probes of those tasks and of its handlers. */
export function roleProbes(
  role: Role,
  { ctx, c }: RoleInput,
  opts: Pick<RoleRunOptions, 'diff' | 'tags' | 'skipTags'>,
): { run: Task[]; skipped: Task[]; planCtx: PlanContext; probes: RoleProbes } {
  const { run, skipped } = selectTasks(role.tasks(ctx, c), role.tags, opts.tags, opts.skipTags);
  const planCtx: PlanContext = { facts: ctx.facts, diff: opts.diff };
  const items = [
    ...run.map((t, i) => ({ key: `t${i}`, probe: t.action.module.probe(t.action.params, planCtx) })),
    ...role.handlers.map((h, i) => ({ key: `h${i}`, probe: h.action.module.probe(h.action.params, planCtx) })),
  ];
  return { run, skipped, planCtx, probes: { role: role.name, items } };
}

/** Probes, plans and (unless --check) applies a role on one host; throws on a failed task. */
export async function runRoleOnHost(
  remote: RemoteHost,
  role: Role,
  input: RoleInput,
  opts: RoleRunOptions,
): Promise<RoleResult> {
  const { ctx } = input;
  const host = ctx.host.name;
  opts.sink({ type: 'role-start', host, role: role.name });
  const { run, skipped, planCtx, probes } = roleProbes(role, input, opts);
  for (const t of skipped)
    opts.sink({ type: 'task', host, role: role.name, task: t.name, status: 'skipped', steps: [], diffs: [] });
  const prepare = opts.check ? '' : prepareStageShell(opts.runId, ctx.host.user, opts.hostPaths);
  const probed = await opts.probe(probes, prepare);
  const plan = planRole(host, role.name, run, role.handlers, probed, planCtx, opts.hostPaths);
  const changed = plan.units.length;
  if (opts.check || changed === 0) {
    reportPlan(plan, host, role.name, opts.sink, undefined, 'all');
    opts.sink({ type: 'role-end', host, role: role.name, changed });
    return { changed, deferred: undefined };
  }
  if (opts.deferHandlers) {
    await applying(opts, () =>
      applyUnits(
        remote,
        host,
        role.name,
        plan,
        plan.units.filter((u) => !isHandler(u)),
        opts,
        'tasks',
      ),
    );
    return { changed, deferred: { plan, units: plan.units.filter(isHandler), changed } };
  }
  await applying(opts, () => applyUnits(remote, host, role.name, plan, plan.units, opts, 'all'));
  await gateAndEnd(remote, role, input, changed, opts);
  return { changed, deferred: undefined };
}

/** Second phase of a rolling role on one host: its handlers, then its health gate. */
export async function finishRole(
  remote: RemoteHost,
  role: Role,
  input: RoleInput,
  d: Deferred,
  opts: RoleRunOptions,
): Promise<void> {
  if (d.units.length > 0)
    await applying(opts, () => applyUnits(remote, input.ctx.host.name, role.name, d.plan, d.units, opts, 'handlers'));
  await gateAndEnd(remote, role, input, d.changed, opts);
}

/** Runs an apply between two ticks of the apply epoch, so no probe overlapping it is reused. */
async function applying(opts: RoleRunOptions, apply: () => Promise<void>): Promise<void> {
  opts.onApply?.();
  try {
    await apply();
  } finally {
    opts.onApply?.();
  }
}

async function gateAndEnd(
  remote: RemoteHost,
  role: Role,
  { ctx, c }: RoleInput,
  changed: number,
  opts: RoleRunOptions,
): Promise<void> {
  const gate = role.health?.(ctx, c);
  if (gate) await runHealthGate(remote, ctx.host.name, role.name, gate, opts.sink);
  opts.sink({ type: 'role-end', host: ctx.host.name, role: role.name, changed });
}
