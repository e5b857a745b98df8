// The images a cluster starts with no registry: pause (from Kubernetes' pause.c), CoreDNS, and a workload image.

import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';
import { aptDownload, debExtract, debInfo, sh } from './debian-apt.ts';
import { writeOciImage } from './oci-image.ts';

/** An image the mirror holds: its short name (the mirror's directory), tag and full name. */
export interface ImageRef {
  readonly image: string;
  readonly tag: string;
  readonly name: string;
}

/** The workload image's repository: `localhost/` is the prefix local-only images carry (never pulled from anywhere). */
export const WORKLOAD_REPOSITORY = 'localhost/orchestrate/busybox';

/** Bump when the workload image's recipe changes: its tag carries it, so a mirror rebuilds it. */
export const WORKLOAD_RECIPE = 2;

/** The page the workload image serves by default. */
const INDEX_HTML = '<!doctype html><title>orchestrate</title><p>served by busybox httpd</p>\n';

/** The busybox applets the workload image links: a shell, DNS tools, an HTTP server and client. */
const WORKLOAD_APPLETS = [
  'sh',
  'ash',
  'cat',
  'echo',
  'env',
  'hostname',
  'httpd',
  'ip',
  'ls',
  'mkdir',
  'nc',
  'nslookup',
  'ping',
  'ps',
  'sleep',
  'test',
  'true',
  'false',
  'wget',
  'id',
  'uname',
  'date',
  'grep',
  'head',
  'tail',
  'wc',
  'kill',
];

/** The pause image's version of a Kubernetes module, from its build/pause/Makefile (`TAG ?= 3.10.2`). */
export function pauseTagOf(makefile: string): string | undefined {
  return /^TAG\s*\?=\s*(\S+)\s*$/m.exec(makefile)?.[1];
}

/**
 * Pause, as Kubernetes' build/pause does: pause.c of that release, compiled `-Os -static`, run as 65535.
 * `kubernetesDir` is the unpacked k8s.io/kubernetes module.
 */
export async function buildPauseImage(kubernetesDir: string, tag: string, arch: string, out: string): Promise<string> {
  const makefile = await readFile(join(kubernetesDir, 'build/pause/Makefile'), 'utf8');
  const moduleTag = pauseTagOf(makefile);
  if (moduleTag !== tag)
    throw new OrchestrateError(
      'VARS_INVALID',
      `pause ${tag} is not the pause this Kubernetes module builds (${moduleTag ?? 'no TAG in build/pause/Makefile'})`,
      { fix: `set cluster.versions.pause to ${moduleTag ?? 'the release line pin'}, or leave it out` },
    );
  const work = await mkdtemp(join(out, '..', '.pause-'));
  try {
    const root = join(work, 'rootfs');
    await mkdir(root, { recursive: true });
    try {
      await sh([
        'gcc',
        '-Os',
        '-Wall',
        '-Werror',
        '-static',
        `-DVERSION=v${tag}-orchestrate`,
        '-o',
        join(root, 'pause'),
        join(kubernetesDir, 'build/pause/linux/pause.c'),
      ]);
    } catch (err) {
      throw new OrchestrateError('BUILD_FAILED', `cannot compile pause.c: ${(err as Error).message}`, {
        fix: 'install gcc and libc6-dev (apt-get install gcc libc6-dev): pause is a static C program',
        cause: err,
      });
    }
    await sh(['strip', join(root, 'pause')]);
    return await writeOciImage(
      { name: `registry.k8s.io/pause:${tag}`, rootfs: root, arch, entrypoint: ['/pause'], user: '65535:65535' },
      out,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** CoreDNS: the static binary built from its module, alone in the image, as upstream's scratch image. */
export async function buildCorednsImage(binary: string, tag: string, arch: string, out: string): Promise<string> {
  const work = await mkdtemp(join(out, '..', '.coredns-'));
  try {
    const root = join(work, 'rootfs');
    await mkdir(root, { recursive: true });
    await copyFile(binary, join(root, 'coredns'));
    await chmod(join(root, 'coredns'), 0o755);
    return await writeOciImage(
      { name: `registry.k8s.io/coredns/coredns:v${tag}`, rootfs: root, arch, entrypoint: ['/coredns'] },
      out,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The busybox-static version Debian ships ('1:1.35.0-4+deb12u1+b1' -> '1.35.0'). */
export function busyboxTag(debianVersion: string): string {
  return debianVersion
    .replace(/^\d+:/, '')
    .replace(/-.*$/, '')
    .replace(/[^0-9A-Za-z._-]/g, '_');
}

/** A workload image from Debian's busybox-static: shell, nslookup, httpd, wget and nc in 2 MB. */
export async function buildWorkloadImage(
  dir: string,
  arch: string,
  log: (line: string) => void,
): Promise<{ ref: ImageRef; out: string; digest: string }> {
  const work = await mkdtemp(join(dir, '.workload-'));
  try {
    const [deb] = await aptDownload(work, ['busybox-static'], log);
    const info = await debInfo(deb!);
    await debExtract(deb!, join(work, 'pkg'));
    const root = join(work, 'rootfs');
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'www'), { recursive: true });
    await mkdir(join(root, 'tmp'), { recursive: true });
    await copyFile(join(work, 'pkg/bin/busybox'), join(root, 'bin/busybox'));
    for (const a of WORKLOAD_APPLETS) await symlink('busybox', join(root, 'bin', a));
    await writeFile(join(root, 'www', 'index.html'), INDEX_HTML);
    const tag = `${busyboxTag(info.version)}-${WORKLOAD_RECIPE}`;
    const ref = { image: 'busybox', tag, name: `${WORKLOAD_REPOSITORY}:${tag}` };
    const out = join(dir, 'images', 'busybox', tag, arch, 'image.oci.tar');
    await mkdir(join(out, '..'), { recursive: true });
    const digest = await writeOciImage(
      // By default a web server on port 80, logging each request (as the nginx image KTHW's smoke tests use).
      { name: ref.name, rootfs: root, arch, env: ['PATH=/bin'], cmd: ['httpd', '-f', '-v', '-p', '80', '-h', '/www'] },
      out,
    );
    return { ref, out, digest };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
