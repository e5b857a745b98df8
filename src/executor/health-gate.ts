// A role's health gate: one remote script that retries the check with a delay, one round trip.

import type { HealthGate } from './types.ts';
import type { RemoteHost } from '../connection/types.ts';
import type { EventSink } from '../reporting/events.ts';
import { stdinSafe } from './stdin-safe.ts';
import { OrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';

/** Builds the retry loop around the gate's check. */
export function healthGateScript(gate: HealthGate): string {
  const delay = Math.max(0, gate.delayMs) / 1000;
  return stdinSafe([
    `i=0`,
    `while :; do`,
    `  out=$( (\n${gate.check}\n) 2>&1 ) && { printf '%s\\n' "$out"; exit 0; }`,
    `  i=$((i+1)); [ "$i" -ge ${Math.max(1, gate.retries)} ] && { printf '%s\\n' "$out"; exit 1; }`,
    `  sleep ${delay}`,
    'done',
  ]);
}

/** Runs the gate; throws HEALTH_GATE_FAILED with the last output when it never passes. */
export async function runHealthGate(
  remote: RemoteHost,
  host: string,
  role: string,
  gate: HealthGate,
  sink: EventSink,
): Promise<void> {
  const timeoutMs = gate.retries * (gate.delayMs + 30_000) + 10_000;
  const r = await remote.exec(healthGateScript(gate), { timeoutMs });
  const detail = mask(r.stdout.trim().split('\n').slice(-10).join('\n'));
  sink({ type: 'health', host, role, gate: gate.name, passed: r.code === 0, detail });
  if (r.code !== 0)
    throw new OrchestrateError(
      'HEALTH_GATE_FAILED',
      `health gate "${gate.name}" of ${role} failed on ${host} after ${gate.retries} tries: ${detail}`,
      {
        host,
        fix: `look at the service on ${host} (journalctl -u ...); the rollout stopped before the next batch`,
      },
    );
}
