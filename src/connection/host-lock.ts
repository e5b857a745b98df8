// The host lock: flock held by a channel that lives as long as the SSH connection.

import { dirname } from 'node:path';
import type { Client } from 'ssh2';
import { OrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';
import { sh } from '../shell/quote.ts';
import { asRoot, becomeFailure } from './become.ts';
import { openExec } from './exec-channel.ts';

export const LOCKED_MARKER = '__orchestrate_locked__';
export const BUSY_MARKER = '__orchestrate_busy__';
const BUSY_EXIT = 75;

export interface LockRequest {
  readonly host: string;
  readonly user: string;
  readonly become: boolean;
  readonly path: string;
  readonly waitMs: number;
  /** Written to `<path>.holder` while held, shown to the run that is refused. */
  readonly holder: string;
  /** Extra time for the answer to arrive (connection latency) before REMOTE_TIMEOUT. */
  readonly slackMs: number;
}

/**
 * The remote command: flock waits up to waitMs; once held, it records the holder, prints the
 * marker and blocks on stdin, so the lock is released exactly when the channel (connection) ends.
 */
export function lockCommand(path: string, waitMs: number, holder: string): string {
  const secs = (Math.max(0, waitMs) / 1000).toFixed(3);
  const inner = sh`printf '%s\n' "$1" > "$2"; echo ${LOCKED_MARKER}; exec cat >/dev/null`;
  return sh`mkdir -p ${dirname(path)} && { flock -E ${BUSY_EXIT} -w ${secs} ${path} sh -c ${inner} sh ${holder} ${`${path}.holder`}; rc=$?; if [ $rc -eq ${BUSY_EXIT} ]; then echo ${BUSY_MARKER}; cat ${`${path}.holder`} 2>/dev/null; fi; exit $rc; }`;
}

/** Takes the lock; resolves once held (the channel stays open), rejects LOCK_HELD after waitMs. */
export async function takeLock(client: Client, req: LockRequest): Promise<void> {
  const channel = await openExec(
    client,
    req.host,
    asRoot(req.user, req.become, lockCommand(req.path, req.waitMs, req.holder)),
  );
  return new Promise<void>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let code: number | null = null;
    let settled = false;
    const settle = (err?: OrchestrateError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        channel.close();
        reject(err);
      } else resolve();
    };
    const timer = setTimeout(() => {
      settle(
        new OrchestrateError(
          'REMOTE_TIMEOUT',
          `${req.host}: no answer while taking the host lock ${req.path} within ${(req.waitMs + req.slackMs) / 1000}s`,
          {
            host: req.host,
            fix: 'check that the host is responsive and that flock (util-linux) works there',
          },
        ),
      );
    }, req.waitMs + req.slackMs);
    channel.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (stdout.split('\n').includes(LOCKED_MARKER)) settle();
    });
    channel.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    channel.on('exit', (c: number | null) => {
      code = typeof c === 'number' ? c : null;
    });
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (settled) return;
      const lines = stdout.split('\n');
      const busyAt = lines.indexOf(BUSY_MARKER);
      if (busyAt >= 0) {
        const holder = mask(
          lines
            .slice(busyAt + 1)
            .join(' ')
            .trim(),
        );
        settle(
          new OrchestrateError(
            'LOCK_HELD',
            `${req.host}: another orchestrate run holds the host lock ${req.path}${holder ? ` (holder: ${holder})` : ''}; gave up after ${req.waitMs / 1000}s`,
            {
              host: req.host,
              fix: 'wait for that run to finish or stop it (its lock is released when its SSH connection closes), or raise the lock wait',
            },
          ),
        );
        return;
      }
      settle(
        becomeFailure(req.host, req.user, code, stderr) ??
          new OrchestrateError(
            'TASK_FAILED',
            `${req.host}: could not take the host lock ${req.path} (exit ${code ?? 'none'}): ${mask(stderr.trim()) || 'no output'}`,
            {
              host: req.host,
              fix: /flock: (not found|command not found)/.test(stderr)
                ? 'install util-linux (flock) on the host'
                : 'check that the lock directory is writable (become: true for a non-root user)',
            },
          ),
      );
    });
  });
}
