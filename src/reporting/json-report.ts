// The --json document: one stable shape on stdout that scripts and CI can rely on.

import { mask } from '../secret.ts';
import type { Recap } from './events.ts';

export interface JsonHostReport {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
  unreachable: boolean;
  roundTrips: number;
}

export interface JsonReport {
  ok: boolean;
  check: boolean;
  hosts: Record<string, JsonHostReport>;
  changes: { host: string; role: string; task: string }[];
}

/** Converts a Recap to the JSON report; every string is masked before it is serialized. */
export function toJsonReport(recap: Recap): JsonReport {
  const hosts: Record<string, JsonHostReport> = {};
  for (const [name, h] of Object.entries(recap.hosts)) {
    hosts[mask(name)] = {
      ok: h.ok,
      changed: h.changed,
      failed: h.failed,
      skipped: h.skipped,
      unreachable: h.unreachable,
      roundTrips: h.roundTrips,
    };
  }
  return {
    ok: recap.ok,
    check: recap.check,
    hosts,
    changes: recap.changes.map((c) => ({ host: mask(c.host), role: mask(c.role), task: mask(c.task) })),
  };
}

/** The report as the one JSON document the CLI prints (newline-terminated). */
export function formatJsonReport(recap: Recap): string {
  return `${JSON.stringify(toJsonReport(recap), null, 2)}\n`;
}
