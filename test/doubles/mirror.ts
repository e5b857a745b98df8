// The doubles as an artifacts mirror (docs/artifacts.md): <dir>/kubernetes/<version>/<arch>/<binary> + SHA256SUMS.

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installBinaries } from '../../kubernetes/artifacts/install.ts';
import { binaryPath } from '../../kubernetes/artifacts/layout.ts';
import { buildDoubles, DOUBLE_COMPONENTS, parseDoubleVersion, type DoubleComponent } from './build.ts';

/** Options of writeDoublesMirror. */
export interface DoublesMirrorOptions {
  /** A mirror to copy into dir first (e.g. the lab's Debian one, /var/cache/orchestrate/artifacts-debian). */
  readonly base?: string;
}

/** What was written: the mirror-layout path and sha256 of every double. */
export interface DoublesMirror {
  readonly dir: string;
  /** As the mirror names it: no leading v. */
  readonly version: string;
  readonly arch: string;
  readonly binaries: Record<DoubleComponent, { path: string; sha256: string }>;
}

/**
 * Builds the doubles of `version` and lays them out in `dir` as the `kubernetes` component for `arch`, merging
 * SHA256SUMS with what is there. The doubles run on this machine's node, so `arch` should be this machine's.
 */
export async function writeDoublesMirror(
  dir: string,
  version: string,
  arch: string,
  opts: DoublesMirrorOptions = {},
): Promise<DoublesMirror> {
  if (arch !== 'amd64' && arch !== 'arm64') throw new Error(`doubles mirror: arch ${arch}: expected amd64 or arm64`);
  const { full } = parseDoubleVersion(version);
  if (opts.base !== undefined) await cp(opts.base, dir, { recursive: true, force: true, preserveTimestamps: true });
  const work = await mkdtemp(join(tmpdir(), 'doubles-build-'));
  try {
    const built = await buildDoubles(work, version);
    const hashes = await installBinaries(dir, 'kubernetes', full, arch, new Map(Object.entries(built)));
    const binaries = {} as DoublesMirror['binaries'];
    for (const c of DOUBLE_COMPONENTS)
      binaries[c] = { path: binaryPath(dir, 'kubernetes', full, arch, c), sha256: hashes.get(c)! };
    return { dir, version: full, arch, binaries };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
