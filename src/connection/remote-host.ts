// A connected host: exec, upload and lock over one ssh2 Client; a lost connection fails every call at once.

import { hostname, userInfo } from 'node:os';
import type { Client, SFTPWrapper } from 'ssh2';
import { OrchestrateError } from '../errors.ts';
import type { Host } from '../inventory/types.ts';
import { mask } from '../secret.ts';
import { becomeFailure, wrapperMissing } from './become.ts';
import { runExec } from './exec-channel.ts';
import { scriptCommand, withTrailer } from './watched-script.ts';
import { takeLock, type LockRequest } from './host-lock.ts';
import type { ResolvedConnectOptions } from './options.ts';
import { uploadTo } from './sftp-upload.ts';
import { withDeadline } from './deadline.ts';
import type { ExecOptions, ExecResult, RemoteHost, UploadSource } from './types.ts';

/** Default holder text for the host lock when the caller gives none. */
function defaultRunInfo(): string {
  return `orchestrate pid ${process.pid} on ${hostname()} (user ${userInfo().username}) since ${new Date().toISOString()}`;
}

/** The RemoteHost over ssh2; `cleanup` closes what carries the connection (jump host, proxy command). */
export class SshRemoteHost implements RemoteHost {
  readonly name: string;
  #count = 0;
  #lost: OrchestrateError | undefined;
  readonly #lostSignal: Promise<never>;
  #sftp: Promise<SFTPWrapper> | undefined;
  readonly #closed: Promise<void>;
  readonly #lose: (why: string, cause?: unknown) => void;

  constructor(
    readonly host: Host,
    private readonly client: Client,
    private readonly opts: ResolvedConnectOptions,
    private readonly cleanup: () => void,
  ) {
    this.name = host.name;
    let markLost: (err: OrchestrateError) => void = () => undefined;
    this.#lostSignal = new Promise<never>((_resolve, reject) => {
      markLost = reject;
    });
    this.#lostSignal.catch(() => undefined);
    let onClosed: () => void = () => undefined;
    this.#closed = new Promise<void>((resolve) => {
      onClosed = resolve;
    });
    const lose = (this.#lose = (why: string, cause?: unknown): void => {
      if (this.#lost) return;
      this.#lost = new OrchestrateError(
        'UNREACHABLE',
        `${this.name}: connection to ${host.address}:${host.port} ${why}`,
        {
          host: this.name,
          fix: 'check that the host and its sshd are up, then re-run (with --limit for the failed hosts)',
          ...(cause === undefined ? {} : { cause }),
        },
      );
      markLost(this.#lost);
    });
    client.on('error', (err: Error) => lose(`lost: ${mask(err.message)}`, err));
    client.on('close', () => {
      lose('lost: the connection closed');
      this.cleanup();
      onClosed();
    });
  }

  get execCount(): number {
    return this.#count;
  }

  /** Runs op unless the connection is gone; rejects UNREACHABLE the moment it goes. */
  #guard<T>(op: () => Promise<T>): Promise<T> {
    if (this.#lost) return Promise.reject(this.#lost);
    const running = op();
    running.catch(() => undefined);
    return Promise.race([running, this.#lostSignal]);
  }

  exec(script: string, opts: ExecOptions = {}): Promise<ExecResult> {
    this.#count++;
    const become = opts.become ?? this.host.become;
    const timeoutMs = opts.timeoutMs ?? this.opts.execTimeoutMs;
    return this.#guard(async () => {
      const input = withTrailer(script);
      const result = await runExec(this.client, {
        host: this.name,
        command: scriptCommand(this.host.user, become, timeoutMs, Buffer.byteLength(input)),
        input,
        timeoutMs,
      });
      // A channel closed with neither status nor signal died with its connection.
      if (result.code === null && result.signal === undefined && this.#lost) throw this.#lost;
      const refused = become ? becomeFailure(this.name, this.host.user, result.code, result.stderr) : undefined;
      const broken = refused ?? wrapperMissing(this.name, result.code, result.stderr);
      if (broken) throw broken;
      return result;
    });
  }

  upload(remotePath: string, source: UploadSource, opts: { timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? this.opts.execTimeoutMs;
    const expired = (): OrchestrateError => {
      // A stalled SFTP session is dropped: the next upload opens a fresh one.
      const stalled = this.#sftp;
      this.#sftp = undefined;
      stalled?.then((s) => s.end()).catch(() => undefined);
      return new OrchestrateError(
        'REMOTE_TIMEOUT',
        `${this.name}: upload to ${remotePath} (SFTP) did not finish within ${timeoutMs / 1000}s`,
        {
          host: this.name,
          fix: 'check the sftp subsystem and the disk on the host, or give the run a longer --timeout',
        },
      );
    };
    return this.#guard(() =>
      withDeadline(
        this.#session().then((sftp) => uploadTo(sftp, this.name, this.host.user, remotePath, source)),
        timeoutMs,
        expired,
      ),
    );
  }

  /** The one SFTP session of this connection, opened on first use; reopened if it failed. */
  #session(): Promise<SFTPWrapper> {
    if (this.#sftp === undefined) {
      const opening = new Promise<SFTPWrapper>((resolve, reject) => {
        this.client.sftp((err, sftp) => {
          if (err) {
            reject(
              new OrchestrateError(
                'TASK_FAILED',
                `${this.name}: could not start an SFTP session: ${mask(err.message)}`,
                {
                  host: this.name,
                  fix: 'enable the sftp subsystem in sshd_config (Subsystem sftp ...)',
                  cause: err,
                },
              ),
            );
            return;
          }
          sftp.on('close', () => {
            if (this.#sftp === opening) this.#sftp = undefined;
          });
          resolve(sftp);
        });
      });
      opening.catch(() => {
        if (this.#sftp === opening) this.#sftp = undefined;
      });
      this.#sftp = opening;
    }
    return this.#sftp;
  }

  lock(path: string, waitMs: number): Promise<void> {
    this.#count++;
    return this.#guard(async () => void (await takeLock(this.client, this.#lockRequest(path, waitMs))));
  }

  lockAndExec(path: string, waitMs: number, script: string, opts: { timeoutMs?: number } = {}): Promise<ExecResult> {
    this.#count++;
    const timeoutMs = opts.timeoutMs ?? this.opts.execTimeoutMs;
    return this.#guard(async () => {
      const req = { ...this.#lockRequest(path, waitMs), script: { text: script, timeoutMs } };
      const result = (await takeLock(this.client, req))!; // a request with a script always yields its result
      const broken = wrapperMissing(this.name, result.code, result.stderr);
      if (broken) throw broken;
      return result;
    });
  }

  #lockRequest(path: string, waitMs: number): LockRequest {
    return {
      host: this.name,
      user: this.host.user,
      become: this.host.become,
      path,
      waitMs,
      holder: this.opts.runInfo ?? defaultRunInfo(),
      slackMs: this.opts.connectTimeoutMs,
    };
  }

  /** Ends the connection (which also releases the host lock); resolves once it is closed. */
  async close(): Promise<void> {
    this.#lose('was closed by orchestrate while this call ran');
    this.client.end();
    const timer = setTimeout(() => this.client.destroy(), 2_000);
    await this.#closed;
    clearTimeout(timer);
  }
}
