// The run's record on disk: every event as a JSONL line (pino), secrets redacted and masked, files private.

import { chmodSync, fchmodSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Level, type Logger } from 'pino';
import { mask } from '../secret.ts';
import { maskDeep } from './deep-mask.ts';
import type { EventSink, RunEvent } from './events.ts';
import type { Reporter } from './reporter.ts';

export interface RunLogOptions {
  stateDir: string;
  runId: string;
  /** -v: debug level, which adds remote stdout/stderr of probes and applies. */
  verbose?: boolean;
}

export interface RunLog extends Reporter {
  /** <stateDir>/runs/<runId>.jsonl */
  readonly path: string;
  /** The pino logger itself, for engine messages that are not events (already masked on output). */
  readonly logger: Logger;
  /** Logs what a remote script printed (debug level: written only with -v). */
  remoteOutput(host: string, phase: string, out: { stdout: string; stderr: string; exitCode?: number }): void;
}

/** <stateDir>/runs, created 0700. */
export function runsDir(stateDir: string): string {
  const dir = join(stateDir, 'runs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

function levelOf(e: RunEvent): Level {
  if (e.type === 'task' || e.type === 'handler') return e.status === 'failed' ? 'error' : 'info';
  if (e.type === 'host-failed' || e.type === 'host-unreachable') return 'error';
  if (e.type === 'health' && !e.passed) return 'warn';
  return 'info';
}

/** Opens the run log (file 0600 in a 0700 dir); attach its sink to the bus and await end() at run-end. */
export function createRunLog(opts: RunLogOptions): RunLog {
  const path = join(runsDir(opts.stateDir), `${opts.runId}.jsonl`);
  const fd = openSync(path, 'a', 0o600);
  fchmodSync(fd, 0o600);
  // Synchronous writes: no worker thread, nothing lost when the process ends, and every line masked last.
  const boom = pino.destination({ fd, sync: true });
  const destination = { write: (line: string) => boom.write(mask(line)) };
  const logger = pino(
    {
      level: opts.verbose ? 'debug' : 'info',
      base: { runId: opts.runId },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Mask message strings before pino escapes them (an escaped secret would slip past the line pass).
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a: unknown) => (typeof a === 'string' ? mask(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      formatters: {
        level: (label) => ({ level: label }),
        // Secret-looking keys at any depth are redacted here (pino's path-based redact was slower and shallower).
        log: (obj) => maskDeep(obj) as Record<string, unknown>,
      },
    },
    destination,
  );

  let ended: Promise<void> | undefined;
  const sink: EventSink = (e) => {
    if (ended) return; // a late event after end() must not throw into the run
    logger[levelOf(e)]({ ...e }, e.type);
  };

  const remoteOutput: RunLog['remoteOutput'] = (host, phase, out) => {
    if (ended || !logger.isLevelEnabled('debug')) return;
    logger.debug({ event: 'remote-output', host, phase, ...out }, 'remote output');
  };

  const end = (): Promise<void> =>
    (ended ??= new Promise<void>((resolve) => {
      boom.once('close', () => resolve());
      boom.once('error', () => resolve());
      boom.end();
    }));

  return { path, logger, sink, remoteOutput, end };
}

/**
 * Writes <stateDir>/runs/last-failed (one host a line, for --limit @file) when hosts failed,
 * removes it when none did; returns its path either way.
 */
export function writeRetryFile(stateDir: string, hosts: readonly string[]): string {
  const path = join(runsDir(stateDir), 'last-failed');
  if (hosts.length === 0) {
    rmSync(path, { force: true });
    return path;
  }
  writeFileSync(path, `${hosts.map(mask).join('\n')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
