// The base image, built once: unpacked dir if present, else the cached .tar.zst, else debootstrap.

import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from '../errors.ts';
import { debianMirror } from './apt-sources.ts';
import { BASE_MARKER, baseKey, basePaths, baseSpec, type BaseSpec, type BaseVariant } from './base-spec.ts';
import { prepareBase } from './base-prepare.ts';
import { machineModulesBuiltin } from './kernel-modules.ts';
import { BASE_ROOT, CACHE_DIR } from './paths.ts';
import { run, runOk } from './proc.ts';

/** A ready base: its key and the directory to use as overlay lower dir. */
export interface Base {
  readonly key: string;
  readonly dir: string;
  readonly tarball: string;
  /** How it was obtained this time. */
  readonly source: 'ready' | 'cache' | 'debootstrap';
}

/** Progress lines for a human (stderr in the CLI). */
export type Log = (line: string) => void;

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/** Moves a finished temp tree into place; a concurrent builder that won first is fine. */
async function publish(tmp: string, dir: string): Promise<void> {
  try {
    await rename(tmp, dir);
  } catch (e) {
    if (!(await exists(join(dir, BASE_MARKER)))) throw e;
    await rm(tmp, { recursive: true, force: true });
  }
}

async function unpack(tarball: string, dir: string): Promise<void> {
  const tmp = `${dir}.unpack-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await runOk([
    'tar',
    '-C',
    tmp,
    '--xattrs',
    '--xattrs-include=*',
    '--numeric-owner',
    '-I',
    'zstd -T0',
    '-xpf',
    tarball,
  ]);
  await publish(tmp, dir);
}

async function pack(dir: string, tarball: string): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${tarball}.tmp-${process.pid}`;
  await runOk([
    'tar',
    '-C',
    dir,
    '--xattrs',
    '--xattrs-include=*',
    '--numeric-owner',
    '-I',
    'zstd -T0 -3',
    '-cf',
    tmp,
    '.',
  ]);
  await rename(tmp, tarball);
}

async function debootstrap(spec: BaseSpec, dir: string, logFile: string, log: Log): Promise<void> {
  const mirror = await debianMirror();
  const tmp = `${dir}.build-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  log(`lab: building the base with debootstrap from ${mirror} (about 80 s, once)`);
  const argv = ['debootstrap', '--variant=minbase', `--include=${spec.packages.join(',')}`, spec.suite, tmp, mirror];
  const r = await run(argv);
  await writeFile(logFile, `${argv.join(' ')}\n${r.stdout}${r.stderr}`);
  if (r.code !== 0) {
    await rm(tmp, { recursive: true, force: true });
    const tail = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-10).join('\n');
    throw new OrchestrateError('LAB_ERROR', `debootstrap failed (exit ${r.code}, log ${logFile}):\n${tail}`, {
      fix: 'check the Debian mirror is reachable, or set ORCHESTRATE_LAB_MIRROR to one that is',
    });
  }
  await prepareBase(tmp, spec);
  await publish(tmp, dir);
}

/** Ensures the base exists (unpacked and cached) and returns it; idempotent and race-tolerant. */
export async function ensureBase(log: Log = () => undefined, variant: BaseVariant = {}): Promise<Base> {
  const spec = baseSpec(await machineModulesBuiltin(), undefined, variant);
  const key = baseKey(spec);
  const { dir, tarball, log: logFile } = basePaths(key);
  if (await exists(join(dir, BASE_MARKER))) {
    if (!(await exists(tarball))) await pack(dir, tarball);
    return { key, dir, tarball, source: 'ready' };
  }
  await mkdir(BASE_ROOT, { recursive: true });
  await rm(dir, { recursive: true, force: true });
  if (await exists(tarball)) {
    log(`lab: unpacking the cached base ${tarball}`);
    await unpack(tarball, dir);
    return { key, dir, tarball, source: 'cache' };
  }
  await debootstrap(spec, dir, logFile, log);
  log(`lab: caching the base as ${tarball}`);
  await pack(dir, tarball);
  return { key, dir, tarball, source: 'debootstrap' };
}
