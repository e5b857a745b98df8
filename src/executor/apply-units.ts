// Uploads the content of a set of apply units, runs them in ONE script, reports, throws on failure.

import type { RemoteHost } from '../connection/types.ts';
import type { WriteStep } from '../modules/types.ts';
import type { RolePlan } from './plan-role.ts';
import type { EventSink } from '../reporting/events.ts';
import type { HostPaths } from './host-paths.ts';
import { buildApplyScript, parseApplyOutput, stageWrites, type ApplyUnit } from './apply-script.ts';
import { reportPlan, type ReportScope } from './report-plan.ts';
import { OrchestrateError } from '../errors.ts';
import { Secret, mask } from '../secret.ts';

interface ApplyOptions {
  readonly runId: string;
  readonly hostPaths: HostPaths;
  readonly applyTimeoutMs: number;
  readonly sink: EventSink;
}

/** Applies units on a host; a failed unit becomes TASK_FAILED naming the task and its output. */
export async function applyUnits(
  remote: RemoteHost,
  host: string,
  role: string,
  plan: RolePlan,
  units: readonly ApplyUnit[],
  opts: ApplyOptions,
  scope: ReportScope,
): Promise<void> {
  const staged = stageWrites(units, opts.runId, opts.hostPaths);
  await Promise.all(
    [...staged.values()].map((s) =>
      remote.upload(s.stagedPath, uploadSource(s.step), { timeoutMs: opts.applyTimeoutMs }),
    ),
  );
  const applied = await remote.exec(buildApplyScript(units, staged, opts.runId, opts.hostPaths), {
    timeoutMs: opts.applyTimeoutMs,
  });
  const outcomes = parseApplyOutput(
    applied.stdout,
    units.map((u) => u.key),
  );
  reportPlan(plan, host, role, opts.sink, outcomes, scope);
  const failed = [...outcomes.entries()].find(([, o]) => o.status === 'failed');
  if (!failed && applied.code === 0) return;
  const [key, o] = failed ?? [undefined, undefined];
  const name =
    plan.tasks.find((t) => t.key === key)?.task.name ??
    plan.handlers.find((h) => h.key === key)?.handler.name ??
    'apply script';
  const code = o?.status === 'failed' ? o.code : applied.code;
  const detail = o?.status === 'failed' ? o.output.trim() : (applied.stderr || applied.stdout).trim();
  throw new OrchestrateError(
    'TASK_FAILED',
    mask(`${role} › ${name} failed on ${host} (exit ${code}): ${lastLines(detail)}`),
    {
      host,
      fix: 'read the output above; fix the cause on the host or in the role, then re-run (finished steps are not repeated)',
    },
  );
}

function uploadSource(step: WriteStep): { content: Buffer } | { file: string } {
  if ('file' in step.source) return { file: step.source.file };
  const c = step.source.content;
  return { content: c instanceof Secret ? Buffer.from(c.reveal()) : Buffer.isBuffer(c) ? c : Buffer.from(c) };
}

function lastLines(text: string, n = 15): string {
  const lines = text.split('\n');
  return (lines.length > n ? ['…', ...lines.slice(-n)] : lines).join('\n');
}
