// known_hosts on disk: read it, and record new keys (accept-new) once, safe against concurrent appends.

import { appendFile, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { OrchestrateError } from '../errors.ts';
import { checkHostKey, formatKnownHost, parseKnownHosts } from './known-hosts.ts';
import type { HostKeyCheck, KnownHostEntry } from './known-hosts.ts';

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 10_000;

// Every connection of a run reads the same file: parse it once per distinct content.
const parsed = new Map<string, { readonly text: string; readonly entries: KnownHostEntry[] }>();

/** Reads and parses a known_hosts file; a missing file knows no hosts. */
export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const hit = parsed.get(file);
  if (hit?.text === text) return hit.entries;
  const entries = parseKnownHosts(text);
  parsed.set(file, { text, entries });
  return entries;
}

// Connections of one run share this process: chain their appends per file first.
const queues = new Map<string, Promise<unknown>>();

async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lockFile = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  // Other processes (a second run, an ssh client) may append too: an O_EXCL lock file guards that.
  for (;;) {
    try {
      await (await open(lockFile, 'wx', 0o600)).close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lockFile).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rm(lockFile, { force: true });
      else if (Date.now() > deadline) {
        throw new OrchestrateError(
          'UNREACHABLE',
          `known_hosts ${file} is locked by ${lockFile} for more than ${LOCK_WAIT_MS / 1000}s`,
          {
            fix: `remove ${lockFile} if no other orchestrate run is recording host keys`,
            cause: err,
          },
        );
      } else await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/** Runs fn with the file's in-process queue and lock file held. */
async function serialized<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = resolve(file);
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => withFileLock(key, fn));
  queues.set(key, next);
  try {
    return await next;
  } finally {
    if (queues.get(key) === next) queues.delete(key);
  }
}

/** Appends one plain `[host]:port type key` line; creates the dir (0700) and file (0600) if missing. */
export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  await serialized(file, () => appendLine(file, formatKnownHost(host, port, keyType, keyBlob)));
}

/**
 * accept-new: under the lock, re-reads the file and appends the key only if the host is still
 * unknown (another connection may have recorded it meanwhile). Returns the check made under the lock.
 */
export async function recordNewHostKey(
  file: string,
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
): Promise<HostKeyCheck> {
  await mkdir(dirname(resolve(file)), { recursive: true, mode: 0o700 });
  return serialized(file, async () => {
    const check = checkHostKey(await readKnownHosts(file), host, port, keyType, keyBlob);
    if (check.status === 'unknown') await appendLine(file, formatKnownHost(host, port, keyType, keyBlob));
    return check;
  });
}

async function appendLine(file: string, line: string): Promise<void> {
  const current = await readFile(file).catch(() => Buffer.alloc(0));
  const sep = current.length > 0 && current[current.length - 1] !== 0x0a ? '\n' : '';
  // One write with O_APPEND: a reader never sees half a line.
  await appendFile(file, `${sep}${line}\n`, { mode: 0o600 });
}
