// Runs one role on one host: ONE probe round trip, a pure plan, ONE apply round trip if needed.

import type { Role, RoleContext, Task } from './types.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { EventSink } from '../reporting/events.ts';
import type { PlanContext, WriteStep } from '../modules/types.ts';
import { buildProbeScript, parseProbeOutput } from './probe-script.ts';
import { planRole, type RolePlan } from './plan-role.ts';
import { buildApplyScript, parseApplyOutput, stageWrites } from './apply-script.ts';
import { prepareStageShell } from './host-paths.ts';
import { runHealthGate } from './health-gate.ts';
import { selectTasks } from './select-tasks.ts';
import { OrchestrateError } from '../errors.ts';
import { Secret, mask } from '../secret.ts';
import { errorInfo } from './error-info.ts';

export interface RoleRunOptions {
  readonly check: boolean;
  readonly diff: boolean;
  readonly runId: string;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly probeTimeoutMs: number;
  readonly applyTimeoutMs: number;
  readonly sink: EventSink;
}

/** The result the play runner needs: how many things changed; a thrown error fails the host. */
export interface RoleResult {
  readonly changed: number;
}

/** Probes, plans and (unless --check) applies a role on one host; throws on a failed task. */
export async function runRoleOnHost(
  remote: RemoteHost,
  role: Role,
  ctx: RoleContext<unknown>,
  opts: RoleRunOptions,
): Promise<RoleResult> {
  const host = ctx.host.name;
  opts.sink({ type: 'role-start', host, role: role.name });
  const all = role.tasks(ctx);
  const { run, skipped } = selectTasks(all, role.tags, opts.tags, opts.skipTags);
  for (const t of skipped)
    opts.sink({ type: 'task', host, role: role.name, task: t.name, status: 'skipped', steps: [], diffs: [] });
  const planCtx: PlanContext = { facts: ctx.facts, diff: opts.diff };
  const items = [
    ...run.map((t, i) => ({ key: `t${i}`, probe: t.action.module.probe(t.action.params, planCtx) })),
    ...role.handlers.map((h, i) => ({ key: `h${i}`, probe: h.action.module.probe(h.action.params, planCtx) })),
  ];
  const prepare = opts.check ? '' : prepareStageShell(opts.runId, ctx.host.user);
  const probed = await remote.exec(buildProbeScript(role.name, items, prepare), { timeoutMs: opts.probeTimeoutMs });
  const plan = planRole(host, role.name, run, role.handlers, parseProbeOutput(host, probed.stdout), planCtx);
  if (opts.check || plan.units.length === 0) {
    report(plan, host, role.name, opts.sink, undefined);
    const changed = plan.units.length;
    opts.sink({ type: 'role-end', host, role: role.name, changed });
    return { changed };
  }
  const staged = stageWrites(plan.units, opts.runId);
  await Promise.all([...staged.values()].map((s) => remote.upload(s.stagedPath, uploadSource(s.step))));
  const applied = await remote.exec(buildApplyScript(plan.units, staged, opts.runId), {
    timeoutMs: opts.applyTimeoutMs,
  });
  const outcomes = parseApplyOutput(
    applied.stdout,
    plan.units.map((u) => u.key),
  );
  report(plan, host, role.name, opts.sink, outcomes);
  const failed = [...outcomes.entries()].find(([, o]) => o.status === 'failed');
  if (failed || applied.code !== 0) {
    const [key, o] = failed ?? [undefined, undefined];
    const name = nameOf(plan, key);
    const detail = o && o.status === 'failed' ? o.output.trim() : (applied.stderr || applied.stdout).trim();
    throw new OrchestrateError(
      'TASK_FAILED',
      mask(
        `${role.name} › ${name} failed on ${host} (exit ${o && o.status === 'failed' ? o.code : applied.code}): ${lastLines(detail)}`,
      ),
      {
        host,
        fix: 'read the output above; fix the cause on the host or in the role, then re-run (finished steps are not repeated)',
      },
    );
  }
  const changed = plan.units.length;
  const gate = role.health?.(ctx);
  if (gate) await runHealthGate(remote, host, role.name, gate, opts.sink);
  opts.sink({ type: 'role-end', host, role: role.name, changed });
  return { changed };
}

function uploadSource(step: WriteStep): { content: Buffer } | { file: string } {
  if ('file' in step.source) return { file: step.source.file };
  const c = step.source.content;
  return { content: c instanceof Secret ? Buffer.from(c.reveal()) : Buffer.isBuffer(c) ? c : Buffer.from(c) };
}

function nameOf(plan: RolePlan, key: string | undefined): string {
  return (
    plan.tasks.find((t) => t.key === key)?.task.name ??
    plan.handlers.find((h) => h.key === key)?.handler.name ??
    'apply script'
  );
}

function lastLines(text: string, n = 15): string {
  const lines = text.split('\n');
  return (lines.length > n ? ['…', ...lines.slice(-n)] : lines).join('\n');
}

/** Emits one event per task and handler; with outcomes (apply) a unit that never ran is not reported. */
function report(
  plan: RolePlan,
  host: string,
  role: string,
  sink: EventSink,
  outcomes: ReturnType<typeof parseApplyOutput> | undefined,
): void {
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

export type { Task };
