// Downloads one release file into the cache: fetch with a timeout, sha256 against the pin or the published checksum, unpack.

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { OrchestrateError } from 'orchestrate';
import type { Download } from './catalog.ts';
import { ARTIFACT_ERROR, checksumMismatch } from './errors.ts';
import { extractTarGz } from './extract.ts';
import { installBinaries } from './install.ts';
import { checksumFor } from './layout.ts';

/** The part of fetch() the downloader uses (tests pass a fake; nothing in tests touches the network). */
export type FetchLike = (url: string, init: { signal: AbortSignal; redirect: 'follow' }) => Promise<Response>;

/** How downloads are made. */
export interface DownloadIo {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

async function get(io: DownloadIo, url: string): Promise<Response> {
  const res = await io.fetch(url, { signal: AbortSignal.timeout(io.timeoutMs), redirect: 'follow' });
  if (!res.ok || res.body === null) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res;
}

/** Streams url to path, hashing on the way; returns the sha256. */
async function fetchToFile(io: DownloadIo, url: string, path: string): Promise<string> {
  const res = await get(io, url);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), tap, createWriteStream(path));
  return hash.digest('hex');
}

/** The sha256 the download must have: the pin, else the project's published checksum file. */
async function expectedSha(io: DownloadIo, d: Download): Promise<{ sha: string; source: string }> {
  if (d.pin !== undefined) return { sha: d.pin, source: 'the pin in kubernetes/artifacts/pins.ts' };
  const text = await (await get(io, d.checksumUrl)).text();
  const sha = checksumFor(text, d.file);
  if (sha === undefined)
    throw new OrchestrateError(ARTIFACT_ERROR, `${d.checksumUrl} has no sha256 for ${d.file}`, {
      fix: `check the version (${d.version}); or supply ${d.binary} offline (docs/artifacts.md)`,
    });
  return { sha, source: d.checksumUrl };
}

async function fetchVerifyInstall(cacheDir: string, d: Download, io: DownloadIo): Promise<void> {
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const tmp = await mkdtemp(join(cacheDir, '.download-'));
  try {
    const file = join(tmp, d.file);
    io.log(`artifacts: downloading ${d.url}`);
    const want = await expectedSha(io, d);
    const got = await fetchToFile(io, d.url, file);
    if (got !== want.sha)
      throw checksumMismatch(
        d.url,
        got,
        want.sha,
        want.source,
        'the download is corrupt or not the published file: run again; if it persists, check the version and the pin',
      );
    const files = d.kind === 'binary' ? new Map([[d.binary, file]]) : await extractTarGz(file, join(tmp, 'x'));
    await installBinaries(cacheDir, d.component, d.version, d.arch, files);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

const inflight = new Map<string, Promise<void>>();

/** Downloads d into cacheDir (mirror layout); concurrent calls for the same file share one download. */
export function downloadInto(cacheDir: string, d: Download, io: DownloadIo): Promise<void> {
  const key = `${cacheDir}\0${d.url}`;
  let p = inflight.get(key);
  if (p === undefined) {
    p = fetchVerifyInstall(cacheDir, d, io).finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p;
}
