// PEM and secret files on the control machine: private dirs, refused open keys, no needless rewrites.

import type { Stats } from 'node:fs';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { OrchestrateError } from '../errors.ts';
import { registerSecret } from '../secret.ts';

/** Mode of private files (keys, secrets, credential files); group and others get nothing. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of public files (certificates, the manifest). */
export const PUBLIC_FILE_MODE = 0o644;
/** Mode of every directory that holds private files. */
export const PRIVATE_DIR_MODE = 0o700;

/** Creates dir (0700, with parents) when missing; refuses an existing one that group or others can open. */
export function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (err) {
    throw new OrchestrateError('STATE_DIR_INVALID', `cannot create ${dir}: ${(err as Error).message}`, {
      fix: `check that the state dir is writable (ls -ld ${dirname(dir)})`,
      cause: err,
    });
  }
  const st = statSync(dir);
  if (!st.isDirectory())
    throw new OrchestrateError('STATE_DIR_INVALID', `${dir} is not a directory`, { fix: `move ${dir} out of the way` });
  if ((st.mode & 0o077) !== 0)
    throw new OrchestrateError(
      'STATE_DIR_INVALID',
      `${dir} is accessible by group or others (mode ${octal(st.mode)})`,
      {
        fix: `chmod 700 ${dir} (it holds private keys)`,
      },
    );
}

/** Reads a key or secret (registered for masking); undefined when absent; refuses one readable by group/others. */
export function readPrivateFile(path: string): string | undefined {
  const st = statOrUndefined(path);
  if (st === undefined) return undefined;
  if ((st.mode & 0o077) !== 0)
    throw new OrchestrateError(
      'STATE_DIR_INVALID',
      `private key file ${path} is accessible by group or others (mode ${octal(st.mode)}); refusing to use it`,
      { fix: `chmod 600 ${path}` },
    );
  return readUnchanged(path, st, (text) => registerSecret(text));
}

/** Reads a public file (a certificate, the manifest); undefined when absent. */
export function readPublicFile(path: string): string | undefined {
  const st = statOrUndefined(path);
  return st === undefined ? undefined : readUnchanged(path, st);
}

/** Texts read in this process, by path, with the stat they had: roles read the same PEMs host after host. */
const texts = new Map<string, { stamp: string; text: string }>();

/** The file's text: re-read only when its stat (size, inode, mtime and ctime to the ns) changed; `fresh` sees new text. */
function readUnchanged(path: string, st: Stats, fresh?: (text: string) => void): string {
  const stamp = `${st.size}:${st.ino}:${st.mtimeMs}:${st.ctimeMs}`;
  const hit = texts.get(path);
  if (hit?.stamp === stamp) return hit.text;
  const text = readFileSync(path, 'utf8');
  fresh?.(text);
  texts.set(path, { stamp, text });
  return text;
}

/** Writes content atomically (temp + fsync + rename) unless the file already holds these exact bytes. */
export function writeFileIfChanged(path: string, content: string, mode: number): boolean {
  const bytes = Buffer.from(content, 'utf8');
  if (statOrUndefined(path) !== undefined && readFileSync(path).equals(bytes)) return false;
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, bytes);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return true;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OrchestrateError('STATE_DIR_INVALID', `cannot read ${path}: ${(err as Error).message}`, {
      fix: `check the permissions of ${dirname(path)}`,
      cause: err,
    });
  }
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}
