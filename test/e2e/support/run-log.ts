// Reading a run's JSONL log (<state dir>/runs/<run>.jsonl) in tests: changes, roles in flight, written files.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LogEvent {
  readonly time: string;
  readonly type: string;
  readonly host?: string;
  readonly role?: string;
  readonly task?: string;
  readonly handler?: string;
  readonly status?: string;
  readonly steps?: string[];
  readonly [k: string]: unknown;
}

/** Every event of a run log, in order. */
export async function readRunLog(path: string): Promise<LogEvent[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LogEvent);
}

/** The run logs in the state dir, by name (run ids sort by time). */
export async function runLogs(stateDir: string): Promise<string[]> {
  const dir = join(stateDir, 'runs');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.jsonl')).map((n) => join(dir, n));
}

/** Waits for a run log that is not in `known` and holds run-start; returns its path. */
export async function waitNewRunLog(stateDir: string, known: ReadonlySet<string>, timeoutMs = 300_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const p of await runLogs(stateDir))
      if (!known.has(p) && (await readFile(p, 'utf8')).includes('"type":"run-start"')) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no new run log in ${stateDir} within ${timeoutMs / 1000}s`);
}

/** Changes as the JSON report names them: host|role|task, handlers as "handler: NAME". */
export function loggedChanges(events: readonly LogEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.status !== 'changed') continue;
    if (e.type === 'task') out.push(`${e.host}|${e.role}|${e.task}`);
    else if (e.type === 'handler') out.push(`${e.host}|${e.role}|handler: ${e.handler}`);
  }
  return out.sort();
}

/** host|role pairs that started but never ended (the roles a killed run was in the middle of). */
export function rolesInFlight(events: readonly LogEvent[]): Set<string> {
  const open = new Set<string>();
  for (const e of events) {
    if (e.type === 'role-start') open.add(`${e.host}|${e.role}`);
    else if (e.type === 'role-end') open.delete(`${e.host}|${e.role}`);
  }
  return open;
}

/** host -> every file path a changed task wrote ("create PATH" / "update PATH" steps). */
export function writtenFiles(events: readonly LogEvent[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type !== 'task' || e.status !== 'changed') continue;
    for (const s of e.steps ?? []) {
      const m = /^(?:create|update) (\/\S+)$/.exec(s);
      if (m) out.set(e.host!, (out.get(e.host!) ?? new Set()).add(m[1]!));
    }
  }
  return new Map([...out].map(([h, s]) => [h, [...s].sort()]));
}

/** Seconds from run-start to run-end (or the last event). */
export function runSpanMs(events: readonly LogEvent[]): number {
  const start = events.find((e) => e.type === 'run-start');
  const last = events.at(-1);
  return start && last ? Date.parse(last.time) - Date.parse(start.time) : 0;
}
