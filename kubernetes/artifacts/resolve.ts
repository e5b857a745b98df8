// resolveArtifact: a binary at a version and arch -> a local file and its sha256 (mirror, then cache, then download).

import { readFileSync, statSync } from 'node:fs';
import { OrchestrateError, isOrchestrateError, sha256File } from 'orchestrate';
import { checkArch, downloadFor, type Component, type Download } from './catalog.ts';
import { downloadInto, type FetchLike } from './download.ts';
import { artifactMissing, checksumMismatch, ARTIFACT_ERROR } from './errors.ts';
import { binaryPath, parseSums, sumsKey, sumsPath } from './layout.ts';
import { verifiedCache, verifyStamp } from './verified-cache.ts';

/** Where artifacts come from; see artifactOptions() for the values a run uses. */
export interface ArtifactOptions {
  /** An offline mirror (--artifacts-dir, or the inventory's artifacts_dir): read, never written. */
  readonly artifactsDir: string | undefined;
  /** Further mirrors searched after it, in order (the inventory's artifacts_dir when --artifacts-dir is given). */
  readonly moreMirrors?: readonly string[];
  /** Downloads land here, in the mirror layout (default `<stateDir>/artifacts`). */
  readonly cacheDir: string;
  /** false: never download; a missing binary fails with where to put it. Default true. */
  readonly download?: boolean;
  /** Default globalThis.fetch (tests inject one). */
  readonly fetch?: FetchLike;
  /** Per download, default 600 s. */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** A binary ready for the artifact module: `artifact({ src: a.path, sha256: a.sha256, ... })`. */
export interface ResolvedArtifact {
  readonly binary: string;
  readonly component: Component;
  readonly version: string;
  readonly arch: string;
  /** Local file on the control machine. */
  readonly path: string;
  /** sha256 of that file (the extracted binary, not the archive). */
  readonly sha256: string;
  readonly source: 'mirror' | 'cache' | 'download';
  /** The official URL it comes from (what a download fetches). */
  readonly url: string;
}

interface Hit {
  readonly path: string;
  readonly sha256: string;
  readonly sums: string;
}

/** Sync: the binary in one root (mirror or cache) and its expected sha256 (SHA256SUMS, else a pinned bare binary). */
function lookIn(root: string, d: Download): Hit | undefined {
  const path = binaryPath(root, d.component, d.version, d.arch, d.binary);
  try {
    if (!statSync(path).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const sums = sumsPath(root, d.component, d.version);
  let text = '';
  try {
    text = readFileSync(sums, 'utf8');
  } catch {
    // no SHA256SUMS: only a pin can vouch for the file
  }
  const sha256 = parseSums(text).get(sumsKey(d.arch, d.binary)) ?? (d.kind === 'binary' ? d.pin : undefined);
  if (sha256 === undefined)
    throw new OrchestrateError(
      ARTIFACT_ERROR,
      `${path} has no sha256: ${sums} has no line for ${sumsKey(d.arch, d.binary)}`,
      {
        fix: `cd ${sums.replace(/\/SHA256SUMS$/, '')} && sha256sum ${sumsKey(d.arch, d.binary)} >> SHA256SUMS`,
      },
    );
  return { path, sha256, sums };
}

/** Hashes a mirror or cache file, unless it was verified before and is unchanged since (verified-cache.ts). */
async function verify(hit: Hit, source: 'mirror' | 'cache', cacheDir: string): Promise<void> {
  const verified = verifiedCache(cacheDir);
  const stamp = verifyStamp(hit.path, hit.sha256);
  if (verified.has(hit.path, stamp)) return;
  const got = await sha256File(hit.path);
  if (got !== hit.sha256) {
    const fix =
      source === 'cache'
        ? `delete ${hit.path} (and its line in ${hit.sums}) to download it again`
        : `replace ${hit.path} with the right file, or correct its line in ${hit.sums}`;
    throw checksumMismatch(hit.path, got, hit.sha256, hit.sums, fix);
  }
  verified.add(hit.path, stamp);
}

function result(d: Download, hit: Hit, source: ResolvedArtifact['source']): ResolvedArtifact {
  const { binary, component, version, arch, url } = d;
  return { binary, component, version, arch, url, path: hit.path, sha256: hit.sha256, source };
}

/** The mirrors in search order. */
function mirrorsOf(opts: ArtifactOptions): string[] {
  return [opts.artifactsDir, ...(opts.moreMirrors ?? [])].filter((r): r is string => r !== undefined);
}

/** The first mirror holding the binary, if any. */
function lookInMirrors(opts: ArtifactOptions, d: Download): Hit | undefined {
  for (const dir of mirrorsOf(opts)) {
    const hit = lookIn(dir, d);
    if (hit) return hit;
  }
  return undefined;
}

function tried(d: Download, opts: ArtifactOptions): string[] {
  return [...mirrorsOf(opts), opts.cacheDir].map((r) => binaryPath(r, d.component, d.version, d.arch, d.binary));
}

/**
 * Sync and offline: the binary from the mirror or the cache, trusting SHA256SUMS (the artifact module checks the
 * host's copy against it after upload). For role tasks(); fails, saying where to put the file, when absent.
 */
export function resolveArtifactSync(
  binary: string,
  version: string,
  arch: string,
  opts: ArtifactOptions,
): ResolvedArtifact {
  const d = downloadFor(binary, version, checkArch(arch));
  const mirrored = lookInMirrors(opts, d);
  if (mirrored) return result(d, mirrored, 'mirror');
  const hit = lookIn(opts.cacheDir, d);
  if (hit) return result(d, hit, 'cache');
  const why = 'not in the mirror or the cache (downloads happen in the playbook prepare step, resolveArtifact)';
  throw artifactMissing(d, tried(d, opts), why, opts.artifactsDir, opts.cacheDir);
}

/** The binary from the mirror, else the cache, else downloaded (verified, extracted, cached); files are hashed. */
export async function resolveArtifact(
  binary: string,
  version: string,
  arch: string,
  opts: ArtifactOptions,
): Promise<ResolvedArtifact> {
  const d = downloadFor(binary, version, checkArch(arch));
  const mirrored = lookInMirrors(opts, d);
  if (mirrored) return verify(mirrored, 'mirror', opts.cacheDir).then(() => result(d, mirrored, 'mirror'));
  const cached = lookIn(opts.cacheDir, d);
  if (cached) return verify(cached, 'cache', opts.cacheDir).then(() => result(d, cached, 'cache'));
  const attempts = [...tried(d, opts), d.url];
  if (opts.download === false)
    throw artifactMissing(d, tried(d, opts), 'downloads are off', opts.artifactsDir, opts.cacheDir);
  try {
    await downloadInto(opts.cacheDir, d, {
      fetch: opts.fetch ?? globalThis.fetch,
      timeoutMs: opts.timeoutMs ?? 600_000,
      log: opts.log ?? (() => undefined),
    });
  } catch (err) {
    if (isOrchestrateError(err)) throw err; // a checksum mismatch says it all
    const msg = err instanceof Error ? err.message : String(err);
    throw artifactMissing(d, attempts, `the download failed (${msg})`, opts.artifactsDir, opts.cacheDir);
  }
  const hit = lookIn(opts.cacheDir, d);
  if (!hit) throw artifactMissing(d, attempts, `${d.file} has no ${d.binary} in it`, opts.artifactsDir, opts.cacheDir);
  return result(d, hit, 'download');
}
