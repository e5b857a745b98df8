// What the executor needs from a connected host; implemented over ssh2 in ./ssh.ts.

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly signal: string | undefined;
}

export interface ExecOptions {
  /** Kill the remote command and fail with REMOTE_TIMEOUT after this many ms. */
  readonly timeoutMs?: number;
  /** Override the host's become setting for this call. */
  readonly become?: boolean;
}

export interface UploadSource {
  readonly content?: Buffer;
  /** A local file streamed instead of content. */
  readonly file?: string;
}

export interface RemoteHost {
  readonly name: string;
  /** Runs a POSIX sh script (sent on stdin to `sh -s`, wrapped in `sudo -n` when becoming). */
  exec(script: string, opts?: ExecOptions): Promise<ExecResult>;
  /** Writes data to remotePath over SFTP (as the login user), mode 0600; REMOTE_TIMEOUT after timeoutMs. */
  upload(remotePath: string, source: UploadSource, opts?: { timeoutMs?: number }): Promise<void>;
  /**
   * Takes the host lock: a long-lived channel running flock on the host, released when the
   * connection dies. Resolves when held; rejects with LOCK_HELD after waitMs.
   */
  lock(path: string, waitMs: number): Promise<void>;
  /**
   * Takes the host lock as lock() does and, once it is held, runs script on the lock's channel:
   * one round trip for both (the facts of an apply). Resolves to the script's result.
   */
  lockAndExec(path: string, waitMs: number, script: string, opts?: { timeoutMs?: number }): Promise<ExecResult>;
  /** Exec requests (round trips) made so far on this connection. */
  readonly execCount: number;
  close(): Promise<void>;
}
