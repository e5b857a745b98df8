// `<stateDir>/cluster/pod-cidrs.json`: the pod CIDRs handed out so far (sync: role tasks are computed synchronously).

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';

/** Where the assignments live inside a state dir. */
export function podCidrStorePath(stateDir: string): string {
  return join(stateDir, 'cluster', 'pod-cidrs.json');
}

function corrupt(path: string, why: string): OrchestrateError {
  return new OrchestrateError('STATE_DIR_INVALID', `${path}: ${why}`, {
    fix: `repair the file, or delete it to have every worker without a pod_cidr var assigned one afresh`,
  });
}

/** The persisted worker -> pod CIDR map; empty when the file does not exist yet. */
export function readPodCidrs(stateDir: string): Record<string, string> {
  const path = podCidrStorePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw corrupt(path, `cannot be read (${(err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw corrupt(path, 'is not JSON');
  }
  const map = (doc as { podCidrs?: unknown } | null)?.podCidrs;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw corrupt(path, 'has no "podCidrs" object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string') throw corrupt(path, `the pod CIDR of ${k} is not a string`);
    out[k] = v;
  }
  return out;
}

/** Pure: the file's text (stable key order comes from the caller). */
export function renderPodCidrs(clusterCidr: string, podCidrs: Readonly<Record<string, string>>): string {
  return `${JSON.stringify({ version: 1, clusterCidr, podCidrs }, null, 2)}\n`;
}

/** Writes the map atomically (temp file 0600, fsync, rename) when its text changed; dirs are 0700. */
export function writePodCidrs(
  stateDir: string,
  clusterCidr: string,
  podCidrs: Readonly<Record<string, string>>,
): boolean {
  const path = podCidrStorePath(stateDir);
  const text = renderPodCidrs(clusterCidr, podCidrs);
  try {
    if (readFileSync(path, 'utf8') === text) return false;
  } catch {
    // absent: write it
  }
  mkdirSync(join(stateDir, 'cluster'), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created or already renamed
    }
    throw err;
  }
  return true;
}
