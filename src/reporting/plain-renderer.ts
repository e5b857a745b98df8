// Line-per-event output for pipes, CI and --no-color: every host line starts with [host] (k0sctl style).

import { mask } from '../secret.ts';
import { maskDeep } from './deep-mask.ts';
import type { ErrorInfo, EventSink, RunEvent, TaskStatus } from './events.ts';
import { colorDiff, paint, type Paint } from './paint.ts';
import type { Reporter } from './reporter.ts';

export interface PlainOptions {
  /** -v: also ok/skipped tasks, role boundaries, connections and the steps applied. */
  verbose?: boolean;
  /** --diff: print the unified diffs that tasks carry. */
  diff?: boolean;
  /** ANSI colors (only when the stream is a TTY and --no-color is absent). */
  color?: boolean;
}

/** Anything with write(string): process.stdout, or a fake stream in tests. */
export interface TextStream {
  write(chunk: string): unknown;
}

const ARROW = '›';

/** Returns a formatter turning one event into the lines worth telling (unmasked; the renderer masks). */
export function createPlainFormatter(opts: PlainOptions = {}): (e: RunEvent) => string[] {
  const p = paint(opts.color ?? false);
  const verbose = opts.verbose ?? false;
  let check = false;
  const lastTaskError = new Map<string, string>();

  const word = (status: TaskStatus): string => {
    if (status === 'changed') return p.yellow(check ? 'would change' : 'changed');
    if (status === 'failed') return p.red('failed');
    if (status === 'skipped') return p.cyan('skipped');
    return p.green('ok');
  };

  return (e) => {
    switch (e.type) {
      case 'run-start':
        check = e.check;
        return [`PLAYBOOK ${e.playbook}: ${e.hosts.length} host(s)${e.check ? ' (check mode)' : ''}`];
      case 'play-start':
        return [`PLAY [${e.play}] ${e.hosts.join(', ')}`];
      case 'host-connected':
        return verbose ? [`[${e.host}] connected`] : [];
      case 'role-start':
        return verbose ? [`[${e.host}] ${e.role}: start`] : [];
      case 'role-end':
        return verbose ? [`[${e.host}] ${e.role}: done, changed=${e.changed}`] : [];
      case 'task': {
        if ((e.status === 'ok' || e.status === 'skipped') && !verbose) return [];
        const prefix = `[${e.host}] `;
        const lines = [`${prefix}${e.role} ${ARROW} ${e.task}: ${word(e.status)}`];
        // In check mode the steps are the plan, so they are always shown; otherwise with -v.
        if (e.status === 'changed' && (check || verbose)) {
          for (const step of e.steps) lines.push(`${prefix}  - ${step}`);
        }
        if (e.error) {
          lines.push(...errorLines(prefix, e.error, p));
          lastTaskError.set(e.host, e.error.message);
        }
        if (opts.diff) for (const d of e.diffs) lines.push(colorDiff(d.replace(/\n$/, ''), p));
        return lines;
      }
      case 'handler':
        if (e.status === 'skipped' && !verbose) return [];
        return [
          `[${e.host}] ${e.role} ${ARROW} handler ${e.handler}: ${word(e.status === 'ok' ? 'changed' : e.status)}`,
        ];
      case 'health':
        if (e.passed && !verbose) return [];
        return [
          `[${e.host}] ${e.role} ${ARROW} health ${e.gate}: ${e.passed ? p.green('passed') : p.red('failed')}`,
          ...(e.detail ? indentLines(`[${e.host}]   `, e.detail) : []),
        ];
      case 'host-failed': {
        const prefix = `[${e.host}] `;
        if (lastTaskError.get(e.host) === e.error.message) {
          return [`${prefix}${p.red('FAILED')}: remaining tasks on this host are skipped`];
        }
        return [`${prefix}${p.red('FAILED')} (${e.error.code})`, ...errorLines(prefix, e.error, p)];
      }
      case 'host-unreachable':
        return [`[${e.host}] ${p.red('UNREACHABLE')} (${e.error.code})`, ...errorLines(`[${e.host}] `, e.error, p)];
      case 'run-end':
        return [];
    }
  };
}

/** The message in full and the fix, each line prefixed with the host. */
function errorLines(prefix: string, error: ErrorInfo, p: Paint): string[] {
  const lines = indentLines(`${prefix}  `, error.message);
  if (error.fix) {
    const [first, ...rest] = indentLines(`${prefix}       `, error.fix);
    lines.push(`${prefix}  ${p.bold('fix:')} ${first!.slice(prefix.length + 7)}`, ...rest);
  }
  return lines;
}

function indentLines(prefix: string, text: string): string[] {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `${prefix}${l}`);
}

/** Attaches a plain renderer to a stream: one masked line per event worth telling. */
export function createPlainRenderer(out: TextStream, opts: PlainOptions = {}): Reporter {
  const format = createPlainFormatter(opts);
  const sink: EventSink = (e) => {
    // Mask the event's strings before formatting, so prefixes never split a secret across lines.
    const lines = format(maskDeep(e) as RunEvent);
    if (lines.length > 0) out.write(`${mask(lines.join('\n'))}\n`);
  };
  return { sink, end: async () => {} };
}
