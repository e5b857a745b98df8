// The facts cache in the state dir: facts of hosts outside --limit come from here.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Facts } from './types.ts';

/** `<stateDir>/facts`: inside the 0700 state dir, so only its owner reads the hosts' facts. */
export function factsCacheDir(stateDir: string): string {
  return join(stateDir, 'facts');
}

/** `<stateDir>/facts/<host>.json`; the name is URI-encoded so no host name can leave the directory. */
export function factsCachePath(stateDir: string, hostName: string): string {
  return join(factsCacheDir(stateDir), `${encodeURIComponent(hostName)}.json`);
}

/**
 * Writes a host's facts atomically (temp file, rename): readers never see half a file. No fsync:
 * after a crash a torn cache reads as absent (readFactsCache), and every run rewrites it.
 */
export async function writeFactsCache(stateDir: string, hostName: string, facts: Facts): Promise<void> {
  const dir = factsCacheDir(stateDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const path = factsCachePath(stateDir, hostName);
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(JSON.stringify(facts, null, 2) + '\n');
    await fh.close();
    await rename(tmp, path);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Loose shape check: a cache from an older or foreign writer counts as absent, not as facts. */
function looksLikeFacts(v: unknown): v is Facts {
  const f = v as Partial<Record<keyof Facts, unknown>> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.hostname === 'string' &&
    typeof f.gatheredAt === 'string' &&
    Array.isArray(f.addresses) &&
    Array.isArray(f.routes) &&
    typeof f.resolvConf === 'object' &&
    typeof f.resolved === 'object'
  );
}

/** The cached facts of a host, or undefined when there are none (or they cannot be read). */
export function readFactsCache(stateDir: string, hostName: string): Facts | undefined {
  let text: string;
  try {
    text = readFileSync(factsCachePath(stateDir, hostName), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return looksLikeFacts(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
