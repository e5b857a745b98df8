// A tiny OCI image built on this machine (the lab has no registry): Debian's busybox-static in one layer.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptDownload, debExtract, sh } from '../../../roles/artifacts/debian-apt.ts';

/** The name `ctr images import` gives it. */
export const BUSYBOX_IMAGE = 'docker.io/library/orchestrate-busybox:latest';

/** Built once per machine, reused by every run. */
const CACHE = '/var/cache/orchestrate/test-images/busybox-oci.tar';

/** The applets the tests call by name. */
const APPLETS = ['sh', 'echo', 'cat', 'ip', 'hostname', 'sleep', 'httpd', 'wget', 'ping', 'ls'];

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Writes a blob under blobs/sha256 and returns its descriptor. */
async function blob(dir: string, mediaType: string, bytes: Buffer) {
  const digest = sha(bytes);
  await writeFile(join(dir, 'blobs/sha256', digest), bytes);
  return { mediaType, digest: `sha256:${digest}`, size: bytes.length };
}

/** The OCI image archive (oci-layout, index.json, blobs), built from busybox-static on first use. */
export async function busyboxImage(): Promise<string> {
  if (existsSync(CACHE)) return CACHE;
  const work = await mkdtemp(join(tmpdir(), 'orch-busybox-'));
  try {
    const [deb] = await aptDownload(work, ['busybox-static'], () => undefined);
    await debExtract(deb!, join(work, 'pkg'));
    const root = join(work, 'rootfs');
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'www'), { recursive: true });
    await copyFile(join(work, 'pkg/bin/busybox'), join(root, 'bin/busybox'));
    for (const a of APPLETS) await symlink('busybox', join(root, 'bin', a));
    const layerTar = join(work, 'layer.tar');
    await sh([
      'tar',
      '--numeric-owner',
      '--owner=0',
      '--group=0',
      '--sort=name',
      '--mtime=@0',
      '-cf',
      layerTar,
      '-C',
      root,
      '.',
    ]);
    const oci = join(work, 'oci');
    await mkdir(join(oci, 'blobs/sha256'), { recursive: true });
    const layer = await blob(oci, 'application/vnd.oci.image.layer.v1.tar', await readFile(layerTar));
    const config = await blob(
      oci,
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          config: { Env: ['PATH=/bin'], Cmd: ['/bin/sh'] },
          rootfs: { type: 'layers', diff_ids: [layer.digest] },
        }),
      ),
    );
    const manifest = await blob(
      oci,
      'application/vnd.oci.image.manifest.v1+json',
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config,
          layers: [layer],
        }),
      ),
    );
    const ref = { 'io.containerd.image.name': BUSYBOX_IMAGE, 'org.opencontainers.image.ref.name': 'latest' };
    await writeFile(
      join(oci, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: [{ ...manifest, annotations: ref }] }),
    );
    await writeFile(join(oci, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    await mkdir(join(CACHE, '..'), { recursive: true });
    await sh([
      'tar',
      '--numeric-owner',
      '--owner=0',
      '--group=0',
      '-cf',
      `${CACHE}.tmp`,
      '-C',
      oci,
      'oci-layout',
      'index.json',
      'blobs',
    ]);
    await rename(`${CACHE}.tmp`, CACHE);
    return CACHE;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
