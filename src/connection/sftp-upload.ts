// Uploads over the connection's one SFTP session: to a path (mode 0600) the executor then moves into place.

import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SFTPWrapper } from 'ssh2';
import { OrchestrateError, isOrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';
import type { UploadSource } from './types.ts';

/** Creates (or truncates) remotePath with mode 0600 before any byte is written, and returns its handle. */
function openPrivate(sftp: SFTPWrapper, remotePath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    sftp.open(remotePath, 'w', { mode: 0o600 }, (err, handle) => {
      if (err) return reject(err);
      // An existing file keeps its old mode on open: set it before the content arrives.
      sftp.fchmod(handle, 0o600, (err2) => (err2 ? reject(err2) : resolve(handle)));
    });
  });
}

function closeHandle(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  return new Promise((resolve, reject) => sftp.close(handle, (err) => (err ? reject(err) : resolve())));
}

/** Writes source to remotePath; failures are TASK_FAILED naming the host, the path and the cause. */
export async function uploadTo(
  sftp: SFTPWrapper,
  host: string,
  user: string,
  remotePath: string,
  source: UploadSource,
): Promise<void> {
  try {
    if (source.file !== undefined) {
      await stat(source.file).catch((err: Error) => {
        throw new OrchestrateError(
          'TASK_FAILED',
          `${host}: cannot upload ${source.file} to ${remotePath}: local file unreadable (${err.message})`,
          {
            host,
            fix: 'check the local path',
            cause: err,
          },
        );
      });
      await closeHandle(sftp, await openPrivate(sftp, remotePath));
      const file = source.file;
      // fastPut pipelines many writes at once: big artifacts do not pay a round trip per chunk.
      await new Promise<void>((resolve, reject) =>
        sftp.fastPut(file, remotePath, { mode: 0o600 }, (err) => (err ? reject(err) : resolve())),
      );
      return;
    }
    const handle = await openPrivate(sftp, remotePath);
    const sink = sftp.createWriteStream(remotePath, { handle, autoClose: true } as never);
    await pipeline(Readable.from([source.content ?? Buffer.alloc(0)]), sink);
  } catch (err) {
    if (isOrchestrateError(err)) throw err;
    throw uploadError(err, host, user, remotePath);
  }
}

/** Maps SFTP status codes to words and a fix. */
export function uploadError(err: unknown, host: string, user: string, remotePath: string): OrchestrateError {
  const e = err as { code?: unknown; message?: unknown };
  const raw = mask(typeof e.message === 'string' ? e.message : String(err));
  let cause = raw;
  let fix = 'check the path and the free space on the host';
  if (e.code === 2) {
    cause = 'no such file or directory';
    fix = 'create the parent directory first';
  } else if (e.code === 3) {
    cause = `permission denied for ${user}`;
    fix = `upload to a directory ${user} can write (the executor moves files into place as root)`;
  } else if (e.code === 4) {
    cause = `write failed (${raw}): the disk may be full or a quota exceeded`;
  } else if (typeof e.code === 'string') {
    cause = `${raw} (${e.code})`;
  }
  return new OrchestrateError('TASK_FAILED', `${host}: upload to ${remotePath} failed: ${cause}`, {
    host,
    fix,
    cause: err,
  });
}
