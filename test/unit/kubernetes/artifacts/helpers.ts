// Test helpers: mirror-layout trees written by hand, and a fetch that serves local bytes (no network).

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchLike } from '../../../../kubernetes/artifacts/download.ts';

export const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Writes `<root>/<component>/<version>/<arch>/<name>` (0755) and its SHA256SUMS line (or a wrong one). */
export function putBinary(
  root: string,
  at: { component: string; version: string; arch: string; name: string },
  content: string,
  opts: { sumsLine?: 'right' | 'wrong' | 'none' } = {},
): string {
  const vdir = join(root, at.component, at.version);
  mkdirSync(join(vdir, at.arch), { recursive: true });
  const path = join(vdir, at.arch, at.name);
  writeFileSync(path, content, { mode: 0o755 });
  const line = opts.sumsLine ?? 'right';
  if (line !== 'none') {
    const digest = line === 'right' ? sha(content) : sha(`${content}-tampered`);
    appendFileSync(join(vdir, 'SHA256SUMS'), `${digest}  ${at.arch}/${at.name}\n`);
  }
  return path;
}

/** A fetch that serves the given URLs from memory and records every URL asked for; others are 404. */
export function fakeFetch(routes: Record<string, string | Buffer>): FetchLike & { asked: string[] } {
  const asked: string[] = [];
  const f = async (url: string): Promise<Response> => {
    asked.push(url);
    const body = routes[url];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body);
  };
  return Object.assign(f, { asked });
}
