// The lab's artifacts mirror from Debian's packages (etcd, containerd, runc, CNI plugins), filled once and cached.

import { readFile, readdir, rename, rm, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from '../../src/errors.ts';
import { debExtract, debInfo, aptDownload, dpkgArch } from './debian-apt.ts';
import {
  DEBIAN_SOURCES,
  manifestComplete,
  upstreamVersion,
  type DebianSource,
  type MirrorManifest,
  type VersionKey,
} from './debian-packages.ts';
import { installBinaries, writeAtomic } from './install.ts';

/** A package unpacked with dpkg-deb -x. */
export interface ExtractedPackage {
  readonly package: string;
  /** Its Debian version, e.g. 3.4.23-4+b4. */
  readonly version: string;
  readonly root: string;
}

function broken(message: string): OrchestrateError {
  return new OrchestrateError('LAB_ERROR', message, {
    fix: 'delete the mirror dir to fill it again; if Debian moved the file, update roles/artifacts/debian-packages.ts',
  });
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The binaries of one source inside its unpacked package: name -> path. */
async function filesOf(src: DebianSource, root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (src.dir !== undefined) {
    const dir = join(root, src.dir);
    for (const name of (await readdir(dir).catch(() => [] as string[])).sort())
      if (await isFile(join(dir, name))) out.set(name, join(dir, name));
    if (out.size === 0) throw broken(`package ${src.package} has no files in /${src.dir}`);
    return out;
  }
  for (const [name, candidates] of Object.entries(src.files ?? {})) {
    let found: string | undefined;
    for (const c of candidates) if (found === undefined && (await isFile(join(root, c)))) found = join(root, c);
    if (found === undefined)
      throw broken(`package ${src.package} has no ${candidates.map((c) => `/${c}`).join(' or ')}`);
    out.set(name, found);
  }
  return out;
}

/** Lays unpacked packages out as a mirror in outDir (docs/artifacts.md) and writes its versions.json. */
export async function layoutFromPackages(
  outDir: string,
  arch: string,
  pkgs: readonly ExtractedPackage[],
  now: Date = new Date(),
): Promise<MirrorManifest> {
  const versions: Partial<Record<VersionKey, string>> = {};
  const packages: Record<string, string> = {};
  const binaries: string[] = [];
  for (const src of DEBIAN_SOURCES) {
    const pkg = pkgs.find((p) => p.package === src.package);
    if (pkg === undefined) throw broken(`Debian package ${src.package} is missing`);
    const version = upstreamVersion(pkg.version);
    if (version === undefined) throw broken(`cannot read an upstream version from ${src.package} ${pkg.version}`);
    const files = await filesOf(src, pkg.root);
    await installBinaries(outDir, src.component, version, arch, files);
    versions[src.versionKey] ??= version;
    packages[src.package] = pkg.version;
    for (const name of files.keys()) binaries.push(`${src.component}/${version}/${arch}/${name}`);
  }
  const manifest: MirrorManifest = {
    source: 'debian',
    arch,
    createdAt: now.toISOString(),
    versions,
    packages,
    binaries,
  };
  await writeAtomic(join(outDir, 'versions.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** What fillDebianMirror left: the mirror dir, its manifest, and whether it was built just now. */
export interface DebianMirror {
  readonly dir: string;
  readonly manifest: MirrorManifest;
  readonly built: boolean;
  readonly seconds: number;
}

/** The cached mirror when complete, else apt-get download + dpkg-deb -x into a temp dir renamed into place. */
export async function fillDebianMirror(opts: {
  dir: string;
  arch?: string;
  log?: (line: string) => void;
}): Promise<DebianMirror> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const arch = opts.arch ?? (await dpkgArch());
  const cached = await readFile(join(opts.dir, 'versions.json'), 'utf8').then(JSON.parse, () => undefined);
  if (manifestComplete(cached, arch))
    return { dir: opts.dir, manifest: cached, built: false, seconds: (Date.now() - t0) / 1000 };
  log(`artifacts: filling ${opts.dir} from Debian packages (once)`);
  const work = `${opts.dir}.tmp-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(join(work, 'debs'), { recursive: true });
  try {
    const debs = await aptDownload(
      join(work, 'debs'),
      DEBIAN_SOURCES.map((s) => s.package),
      log,
    );
    const pkgs: ExtractedPackage[] = [];
    for (const deb of debs) {
      const info = await debInfo(deb);
      const root = join(work, 'x', info.package);
      await debExtract(deb, root);
      pkgs.push({ ...info, root });
    }
    const manifest = await layoutFromPackages(join(work, 'mirror'), arch, pkgs);
    await rm(opts.dir, { recursive: true, force: true });
    await rename(join(work, 'mirror'), opts.dir);
    return { dir: opts.dir, manifest, built: true, seconds: (Date.now() - t0) / 1000 };
  } catch (err) {
    if (err instanceof OrchestrateError) throw err;
    throw broken(`cannot build the Debian artifacts mirror: ${(err as Error).message}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
