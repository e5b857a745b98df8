// A tiny OCI image built on this machine (the lab has no registry): Debian's busybox-static in one layer, under a
// name of its own so a test can import it as an extra bundle beside the mirror's images.

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptDownload, debExtract } from '../../../kubernetes/artifacts/debian-apt.ts';
import { writeOciImage } from '../../../kubernetes/artifacts/oci-image.ts';

/** The name `ctr images import` gives it. */
export const BUSYBOX_IMAGE = 'docker.io/library/orchestrate-busybox:latest';

/** Built once per machine, reused by every run. */
const CACHE = '/var/cache/orchestrate/test-images/busybox-oci.tar';

/** The applets the tests call by name. */
const APPLETS = ['sh', 'echo', 'cat', 'ip', 'hostname', 'sleep', 'httpd', 'wget', 'ping', 'ls'];

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
    await mkdir(join(CACHE, '..'), { recursive: true });
    await writeOciImage(
      { name: BUSYBOX_IMAGE, rootfs: root, arch: 'amd64', env: ['PATH=/bin'], cmd: ['/bin/sh'] },
      CACHE,
    );
    return CACHE;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
