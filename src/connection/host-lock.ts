// The host lock: flock held by a channel that lives as long as the SSH connection.

import { dirname } from 'node:path';
import type { Client } from 'ssh2';
import { OrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';
import { sh } from '../shell/quote.ts';
import { asRoot, becomeFailure } from './become.ts';
import { openExec } from './exec-channel.ts';
import { lockedScriptShell, LockedScriptReader } from './locked-script.ts';
import type { ExecResult } from './types.ts';

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
  /** A script to run once the lock is held, on the same channel (one round trip for both). */
  readonly script?: { readonly text: string; readonly timeoutMs: number };
}

/**
 * The remote command: flock waits up to waitMs; once held, it records the holder, prints the
 * marker, runs the script that arrives on stdin (if any), then blocks on stdin, so the lock is
 * released exactly when the channel (connection) ends.
 */
export function lockCommand(
  path: string,
  waitMs: number,
  holder: string,
  script?: { readonly bytes: number; readonly timeoutMs: number },
): string {
  const secs = (Math.max(0, waitMs) / 1000).toFixed(3);
  const then = script === undefined ? '' : `${lockedScriptShell(script.bytes, script.timeoutMs)}; `;
  const inner = sh`printf '%s\n' "$1" > "$2"; echo ${LOCKED_MARKER}; ` + then + 'exec cat >/dev/null';
  return sh`{ [ -d ${dirname(path)} ] || mkdir -p ${dirname(path)}; } && { flock -E ${BUSY_EXIT} -w ${secs} ${path} sh -c ${inner} sh ${holder} ${`${path}.holder`}; rc=$?; if [ $rc -eq ${BUSY_EXIT} ]; then echo ${BUSY_MARKER}; cat ${`${path}.holder`} 2>/dev/null; fi; exit $rc; }`;
}

/**
 * Takes the lock; resolves once held (the channel stays open) to the script's result, or to
 * undefined without a script; rejects LOCK_HELD after waitMs.
 */
export async function takeLock(client: Client, req: LockRequest): Promise<ExecResult | undefined> {
  const script =
    req.script === undefined
      ? undefined
      : { bytes: Buffer.byteLength(req.script.text), timeoutMs: req.script.timeoutMs };
  const channel = await openExec(
    client,
    req.host,
    asRoot(req.user, req.become, lockCommand(req.path, req.waitMs, req.holder, script)),
  );
  return new Promise<ExecResult | undefined>((resolve, reject) => {
    let stderr = '';
    let code: number | null = null;
    let settled = false;
    let locked = false;
    const reader = new LockedScriptReader();
    const settle = (err?: OrchestrateError, result?: ExecResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        channel.close();
        reject(err);
      } else resolve(result);
    };
    const timeout = (what: string, ms: number, fix: string): NodeJS.Timeout =>
      setTimeout(() => {
        settle(
          new OrchestrateError('REMOTE_TIMEOUT', `${req.host}: no answer while ${what} within ${ms / 1000}s`, {
            host: req.host,
            fix,
          }),
        );
      }, ms);
    let timer = timeout(
      `taking the host lock ${req.path}`,
      req.waitMs + req.slackMs,
      'check that the host is responsive and that flock (util-linux) works there',
    );
    const onLocked = (): void => {
      locked = true;
      if (req.script === undefined) return settle();
      clearTimeout(timer);
      timer = timeout(
        'running a script under the host lock',
        req.script.timeoutMs,
        'find out why the script hangs on the host, or give it a longer timeout',
      );
    };
    const finish = (status: number | undefined): void => {
      if (status !== undefined) settle(undefined, { stdout: reader.output(), stderr, code: status, signal: undefined });
    };
    let before = Buffer.alloc(0);
    channel.on('data', (d: Buffer) => {
      if (locked) return finish(reader.push(d));
      before = Buffer.concat([before, d]);
      const at = before.indexOf(`${LOCKED_MARKER}\n`);
      if (at < 0 || (at > 0 && before[at - 1] !== 0x0a)) return;
      onLocked();
      const rest = before.subarray(at + LOCKED_MARKER.length + 1);
      if (rest.length > 0 && !settled) finish(reader.push(rest));
    });
    channel.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-64_000);
    });
    channel.on('exit', (c: number | null) => {
      code = typeof c === 'number' ? c : null;
    });
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (settled) return;
      if (locked) {
        settle(
          new OrchestrateError('TASK_FAILED', `${req.host}: the host lock channel ended before its script finished`, {
            host: req.host,
            fix: 'check the host (sshd, load) and re-run',
          }),
        );
        return;
      }
      const lines = before.toString('utf8').split('\n');
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
    if (req.script !== undefined) channel.write(req.script.text);
  });
}
