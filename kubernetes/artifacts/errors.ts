// Artifact errors: what was tried (paths, URL) and exactly where to put the file to work offline.

import { OrchestrateError, type ErrorCode } from 'orchestrate';
import type { Download } from './catalog.ts';
import { binaryPath, sumsKey, sumsPath } from './layout.ts';

/** The code of every artifact failure (no dedicated code exists yet; exit 1). */
export const ARTIFACT_ERROR: ErrorCode = 'TASK_FAILED';

/** Where the operator puts the binary to work offline, phrased for the fix. */
export function offlineHint(d: Download, mirror: string | undefined, cacheDir: string): string {
  const root = mirror ?? cacheDir;
  const path = binaryPath(root, d.component, d.version, d.arch, d.binary);
  const how = d.kind === 'binary' ? `download ${d.url}` : `download ${d.url}, take ${d.binary} out of it,`;
  const flag = mirror === undefined ? ` (or the same layout under a mirror dir given as --artifacts-dir DIR)` : '';
  return (
    `${how} and put it at ${path} (mode 0755), with the line "<sha256>  ${sumsKey(d.arch, d.binary)}" ` +
    `in ${sumsPath(root, d.component, d.version)}${flag}; layout: docs/artifacts.md`
  );
}

/** Not in the mirror, not in the cache, and the download failed or was not allowed. */
export function artifactMissing(
  d: Download,
  tried: readonly string[],
  why: string,
  mirror: string | undefined,
  cacheDir: string,
): OrchestrateError {
  return new OrchestrateError(
    ARTIFACT_ERROR,
    `${d.binary} ${d.version} (${d.arch}) is not available: ${why}; tried ${tried.join(', ')}`,
    { fix: offlineHint(d, mirror, cacheDir) },
  );
}

/** A file whose sha256 is not the one its checksum source names. */
export function checksumMismatch(
  what: string,
  got: string,
  want: string,
  source: string,
  fix: string,
): OrchestrateError {
  return new OrchestrateError(ARTIFACT_ERROR, `sha256 mismatch for ${what}: got ${got}, ${source} says ${want}`, {
    fix,
  });
}
