// Fills a mirror (docs/artifacts.md's layout) with programs built from their Go modules and the images built from them.

import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';
import type { ReleaseSet } from '../cluster/release-sets.ts';
import { buildComponent, checkGo } from './go-build.ts';
import { GO_PROGRAMS, type BuiltComponent, type GoProgram } from './go-programs.ts';
import { findGo, goCaches, goEnv, runGo, type GoCaches } from './go-tool.ts';
import {
  buildCorednsImage,
  buildPauseImage,
  buildWorkloadImage,
  WORKLOAD_RECIPE,
  WORKLOAD_REPOSITORY,
  type ImageRef,
} from './image-builds.ts';
import { installBinaries, writeAtomic } from './install.ts';
import { binaryPath, parseSums, sumsKey, sumsPath, versionDir } from './layout.ts';

/** The set key a component's version is read from. */
export const VERSION_KEY: Record<BuiltComponent, keyof ReleaseSet> = {
  kubernetes: 'kubernetes',
  etcd: 'etcd',
  containerd: 'containerd',
  runc: 'runc',
  'cni-plugins': 'cni',
  crictl: 'crictl',
  coredns: 'coredns',
};

/** Free space a build may need: Kubernetes' link steps and the build cache take several GiB. */
const MIN_FREE_BYTES = 6 * 1024 ** 3;

/** What one fill is asked for. */
export interface BuildMirrorOptions {
  /** The mirror, e.g. /var/cache/orchestrate/artifacts. */
  readonly dir: string;
  /** The machine's cache dir (the Go caches live in <cacheDir>/go). */
  readonly cacheDir: string;
  readonly set: ReleaseSet;
  /** The host arch; the programs are built for the machine's own arch only. */
  readonly arch: string;
  readonly log?: (line: string) => void;
  /** Progress per step: component, binary (or 'module', or an image name), start/done and seconds. */
  readonly onStep?: (s: BuildStep) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface BuildStep {
  readonly component: string;
  readonly version: string;
  readonly binary: string;
  readonly phase: 'start' | 'done' | 'cached';
  readonly seconds: number;
}

/** An image in the mirror: where its archive is, relative to the mirror, with {arch} in place of the arch. */
export interface MirrorImage extends ImageRef {
  readonly bundle: string;
}

/** What the mirror holds for a set, written to versions.json. */
export interface BuiltMirror {
  readonly dir: string;
  readonly arch: string;
  readonly set: ReleaseSet;
  readonly images: { readonly pause: MirrorImage; readonly coredns: MirrorImage; readonly workload: MirrorImage };
  /** Steps that ran (empty when everything was there). */
  readonly built: readonly string[];
  readonly seconds: number;
}

/** Pure: a component's version dir holds every binary of the program for arch, per its SHA256SUMS. */
export function componentComplete(sums: string, program: GoProgram, arch: string): boolean {
  const have = parseSums(sums);
  return program.binaries.every((b) => have.has(sumsKey(arch, b.name)));
}

function isComplete(dir: string, program: GoProgram, version: string, arch: string): boolean {
  const component = program.component;
  let sums: string;
  try {
    sums = readFileSync(sumsPath(dir, component, version), 'utf8');
  } catch {
    return false;
  }
  return (
    componentComplete(sums, program, arch) &&
    program.binaries.every((b) => existsSync(binaryPath(dir, component, version, arch, b.name)))
  );
}

/** Relative archive path of an image in the mirror. */
export function imageBundle(image: string, tag: string): string {
  return `images/${image}/${tag}/{arch}/image.oci.tar`;
}

/** Refuses to start a build on a disk that cannot hold it (a full disk mid-build is slower to explain). */
function checkFreeSpace(dir: string): void {
  const s = statfsSync(dir);
  const free = s.bavail * s.bsize;
  if (free < MIN_FREE_BYTES)
    throw new OrchestrateError(
      'BUILD_FAILED',
      `the cache disk of ${dir} has ${(free / 1024 ** 3).toFixed(1)} GiB free; the builds need ${MIN_FREE_BYTES / 1024 ** 3} GiB`,
      { fix: `free space on that disk (du -sh ${join(dir, '..')}/*), then run again` },
    );
}

/** True while a process with this pid exists (signal 0 checks without sending anything). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A killed fill leaves its work dir: a later fill removes those whose process is gone. */
async function sweepWork(workRoot: string): Promise<void> {
  for (const name of await readdir(workRoot).catch(() => [] as string[])) {
    const pid = Number(/-(\d+)$/.exec(name)?.[1]);
    const alive = pid > 0 && pidAlive(pid);
    if (!alive) await rm(join(workRoot, name), { recursive: true, force: true });
  }
}

/** Moves a freshly built version dir (or only its arch dir, when other arches are there) into the mirror. */
async function publish(
  workMirror: string,
  dir: string,
  component: string,
  version: string,
  arch: string,
): Promise<void> {
  const dest = versionDir(dir, component, version);
  await mkdir(join(dest, '..'), { recursive: true });
  if (!existsSync(dest)) {
    await rename(versionDir(workMirror, component, version), dest);
    return;
  }
  await rm(join(dest, arch), { recursive: true, force: true });
  await rename(join(versionDir(workMirror, component, version), arch), join(dest, arch));
  const merged = parseSums(readFileSync(sumsPath(dest, component, version), 'utf8'));
  for (const [k, v] of parseSums(readFileSync(sumsPath(workMirror, component, version), 'utf8'))) merged.set(k, v);
  await writeAtomic(
    sumsPath(dest, component, version),
    [...merged]
      .sort()
      .map(([p, s]) => `${s}  ${p}\n`)
      .join(''),
  );
}

/** The unpacked k8s.io/kubernetes module (its build/pause holds pause.c). */
async function kubernetesModuleDir(go: string, caches: GoCaches, version: string, cwd: string): Promise<string> {
  const r = await runGo(go, ['mod', 'download', '-json', `k8s.io/kubernetes@v${version}`], cwd, goEnv(caches, false));
  let dir: string | undefined;
  try {
    dir = (JSON.parse(r.output) as { Dir?: string }).Dir;
  } catch {
    // Not JSON: the go command itself failed; its output says why.
  }
  if (r.code !== 0 || dir === undefined)
    throw new OrchestrateError(
      'BUILD_FAILED',
      `cannot fetch k8s.io/kubernetes@v${version} for pause.c: ${r.output.trim()}`,
      {
        fix: 'check that the Go module proxy answers (go env GOPROXY)',
      },
    );
  return dir;
}

/** Reads versions.json when it describes this set and arch and every file it names is there. */
function cachedMirror(dir: string, set: ReleaseSet, arch: string): BuiltMirror | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'versions.json'), 'utf8')) as { sets?: Record<string, BuiltMirror> };
    const hit = m.sets?.[`${set.kubernetes}/${arch}`];
    if (hit === undefined || JSON.stringify(hit.set) !== JSON.stringify(set)) return undefined;
    if (!hit.images.workload.tag.endsWith(`-${WORKLOAD_RECIPE}`)) return undefined;
    const images = Object.values(hit.images).map((i) => join(dir, i.bundle.replace('{arch}', arch)));
    const programs = GO_PROGRAMS.every((p) => isComplete(dir, p, set[VERSION_KEY[p.component]], arch));
    return programs && images.every((f) => existsSync(f)) ? hit : undefined;
  } catch {
    return undefined;
  }
}

/** Records a filled set in versions.json, next to the other sets the mirror holds. */
async function recordSet(dir: string, mirror: BuiltMirror): Promise<void> {
  let doc: { source: string; sets: Record<string, BuiltMirror> } = { source: 'go', sets: {} };
  try {
    doc = JSON.parse(readFileSync(join(dir, 'versions.json'), 'utf8')) as typeof doc;
  } catch {
    // first set of this mirror
  }
  doc.sets[`${mirror.set.kubernetes}/${mirror.arch}`] = { ...mirror, built: [], seconds: 0 };
  await writeAtomic(join(dir, 'versions.json'), `${JSON.stringify(doc, null, 2)}\n`);
}

/**
 * Builds what the mirror lacks for `set`: each component once per version (kept until a version changes),
 * in a work dir renamed into place, so a killed build leaves nothing half-filled.
 */
export async function buildMirror(opts: BuildMirrorOptions): Promise<BuiltMirror> {
  const t0 = Date.now();
  const { dir, set, arch } = opts;
  const cached = cachedMirror(dir, set, arch);
  if (cached !== undefined) return { ...cached, dir, built: [], seconds: (Date.now() - t0) / 1000 };

  const caches = goCaches(opts.cacheDir);
  const go = findGo(opts.env);
  const workRoot = join(dir, '.work');
  await mkdir(workRoot, { recursive: true });
  await mkdir(caches.modCache, { recursive: true });
  await mkdir(caches.buildCache, { recursive: true });
  await sweepWork(workRoot);
  checkFreeSpace(dir);
  await checkGo(go, caches);
  const built: string[] = [];
  const work = join(workRoot, `fill-${process.pid}`);
  const emit = (s: BuildStep): void => opts.onStep?.(s);
  try {
    for (const program of GO_PROGRAMS) {
      const component = program.component;
      const version = set[VERSION_KEY[program.component]];
      if (isComplete(dir, program, version, arch)) {
        emit({ component, version, binary: '*', phase: 'cached', seconds: 0 });
        continue;
      }
      const buildDir = join(work, `${component}-${version}`);
      await rm(buildDir, { recursive: true, force: true });
      const files = await buildComponent(program, version, {
        go,
        caches,
        workDir: buildDir,
        onStep: (s) => emit({ component, version, ...s }),
      });
      await installBinaries(join(buildDir, 'mirror'), component, version, arch, files);
      await publish(join(buildDir, 'mirror'), dir, component, version, arch);
      await rm(buildDir, { recursive: true, force: true });
      built.push(`${component} ${version}`);
    }
    const images = await buildImages(opts, go, caches, work, emit, built);
    const mirror: BuiltMirror = { dir, arch, set, images, built, seconds: (Date.now() - t0) / 1000 };
    await recordSet(dir, mirror);
    return mirror;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** pause, CoreDNS and the workload image, each built only when its archive is missing. */
async function buildImages(
  opts: BuildMirrorOptions,
  go: string,
  caches: GoCaches,
  work: string,
  emit: (s: BuildStep) => void,
  built: string[],
): Promise<BuiltMirror['images']> {
  const { dir, set, arch } = opts;
  const at = (bundle: string): string => join(dir, bundle.replace('{arch}', arch));
  const image = async (ref: ImageRef, build: (out: string) => Promise<unknown>): Promise<MirrorImage> => {
    const bundle = imageBundle(ref.image, ref.tag);
    if (existsSync(at(bundle)))
      emit({ component: 'image', version: ref.tag, binary: ref.image, phase: 'cached', seconds: 0 });
    else {
      const t = Date.now();
      emit({ component: 'image', version: ref.tag, binary: ref.image, phase: 'start', seconds: 0 });
      await mkdir(join(at(bundle), '..'), { recursive: true });
      await build(at(bundle));
      emit({
        component: 'image',
        version: ref.tag,
        binary: ref.image,
        phase: 'done',
        seconds: (Date.now() - t) / 1000,
      });
      built.push(`image ${ref.name}`);
    }
    return { ...ref, bundle };
  };
  await mkdir(work, { recursive: true });
  const pause = await image(
    { image: 'pause', tag: set.pause, name: `registry.k8s.io/pause:${set.pause}` },
    async (out) => buildPauseImage(await kubernetesModuleDir(go, caches, set.kubernetes, work), set.pause, arch, out),
  );
  const corednsBinary = binaryPath(dir, 'coredns', set.coredns, arch, 'coredns');
  const coredns = await image(
    { image: 'coredns', tag: `v${set.coredns}`, name: `registry.k8s.io/coredns/coredns:v${set.coredns}` },
    (out) => buildCorednsImage(corednsBinary, set.coredns, arch, out),
  );
  const workload = await workloadImage(dir, arch, emit, built, opts.log ?? (() => undefined));
  return { pause, coredns, workload };
}

/** The workload image's tag comes from Debian's package: reuse the one the mirror recorded, else build it. */
async function workloadImage(
  dir: string,
  arch: string,
  emit: (s: BuildStep) => void,
  built: string[],
  log: (line: string) => void,
): Promise<MirrorImage> {
  const root = join(dir, 'images', 'busybox');
  const recipe = `-${WORKLOAD_RECIPE}`;
  for (const tag of await readdir(root).catch(() => [] as string[]))
    if (tag.endsWith(recipe) && existsSync(join(root, tag, arch, 'image.oci.tar'))) {
      emit({ component: 'image', version: tag, binary: 'busybox', phase: 'cached', seconds: 0 });
      return { image: 'busybox', tag, name: `${WORKLOAD_REPOSITORY}:${tag}`, bundle: imageBundle('busybox', tag) };
    }
  const t = Date.now();
  emit({ component: 'image', version: 'debian', binary: 'busybox', phase: 'start', seconds: 0 });
  const w = await buildWorkloadImage(dir, arch, log);
  emit({ component: 'image', version: w.ref.tag, binary: 'busybox', phase: 'done', seconds: (Date.now() - t) / 1000 });
  built.push(`image ${w.ref.name}`);
  return { ...w.ref, bundle: imageBundle('busybox', w.ref.tag) };
}
