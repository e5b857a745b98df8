// What the live view shows for one host: pure state and text, so the listr2 plumbing stays thin.

import type { ErrorInfo, HostRecap, RunEvent } from './events.ts';

export interface HostRow {
  readonly host: string;
  phase: 'waiting' | 'connected' | 'running' | 'done' | 'stopped';
  /** "role › task" of the latest task seen, or the role just started. */
  current: string | undefined;
  /** "role › task" of every change (handlers that ran included). */
  changes: string[];
  error: ErrorInfo | undefined;
  unreachable: boolean;
}

const ARROW = '›';

/** A row for a host that has not been touched yet. */
export function createRow(host: string): HostRow {
  return { host, phase: 'waiting', current: undefined, changes: [], error: undefined, unreachable: false };
}

/** Folds one event for this row's host into it; returns true when the host is finished (failed or unreachable). */
export function applyToRow(row: HostRow, e: RunEvent): boolean {
  switch (e.type) {
    case 'host-connected':
      if (row.phase === 'waiting') row.phase = 'connected';
      return false;
    case 'role-start':
      row.phase = 'running';
      row.current = `${e.role} ${ARROW} …`;
      return false;
    case 'task':
      row.phase = 'running';
      row.current = `${e.role} ${ARROW} ${e.task}`;
      if (e.status === 'changed') row.changes.push(row.current);
      if (e.error && !row.error) row.error = e.error;
      return false;
    case 'handler':
      row.current = `${e.role} ${ARROW} handler ${e.handler}`;
      if (e.status === 'ok' || e.status === 'changed') row.changes.push(row.current);
      return false;
    case 'health':
      row.current = `${e.role} ${ARROW} health ${e.gate}${e.passed ? '' : ' (waiting)'}`;
      return false;
    case 'host-failed':
      row.error ??= e.error;
      row.phase = 'done';
      return true;
    case 'host-unreachable':
      row.unreachable = true;
      row.error ??= e.error;
      row.phase = 'done';
      return true;
    case 'run-start':
    case 'play-start':
    case 'role-end':
    case 'run-end':
      return false;
  }
}

/** Compact counters: "ok=3 changed=1 failed=0 skipped=0". */
export function countsText(h: HostRecap | undefined): string {
  const r = h ?? { ok: 0, changed: 0, failed: 0, skipped: 0 };
  return `ok=${r.ok} changed=${r.changed} failed=${r.failed} skipped=${r.skipped}`;
}

/** The row's (multi-line) title: host and what runs now, or the final counts, then the changes. */
export function rowTitle(row: HostRow, counts: HostRecap | undefined, maxChanges = 5): string {
  let head: string;
  if (row.unreachable) head = `${row.host}: unreachable`;
  else if (row.phase === 'done') head = `${row.host}: ${countsText(counts)}`;
  else if (row.phase === 'stopped')
    head = `${row.host}: stopped at ${row.current ?? 'its first role'} (${countsText(counts)})`;
  else if (row.phase === 'waiting') head = `${row.host}: waiting`;
  else if (row.phase === 'connected' || row.current === undefined) head = `${row.host}: connected`;
  else head = `${row.host}: ${row.current}  (${countsText(counts)})`;
  const shown = row.changes.slice(-maxChanges).map((c) => `  ~ ${c}`);
  const hidden = row.changes.length - shown.length;
  if (hidden > 0) shown.unshift(`  … ${hidden} earlier change(s)`);
  return [head, ...shown].join('\n');
}

/** The failure shown under a finished row: the message in full, then the fix. */
export function rowError(row: HostRow): string | undefined {
  if (!row.error) return undefined;
  const { code, message, fix } = row.error;
  return `${code}: ${message}${fix ? `\nfix: ${fix}` : ''}`;
}
