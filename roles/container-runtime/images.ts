// Image bundles (air-gapped images): each OCI archive of cluster.images.bundles imported into the
// CRI namespace, so no kubelet pulls what the archives hold.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import { OrchestrateError, containerdImage, type RoleContext, type Task } from 'orchestrate';
import type { ClusterModel } from '../../kubernetes/cluster/index.ts';
import { artifactOptions } from '../../kubernetes/artifacts/index.ts';
import { readOciArchive } from '../../kubernetes/artifacts/oci-archive.ts';
import { CONTAINERD_SOCKET, CTR_BIN } from './paths.ts';

/** One task per bundle: its images present in containerd's k8s.io namespace, pinned. */
export function imageTasks(ctx: RoleContext<unknown>, model: Pick<ClusterModel, 'imageBundles'>): Task[] {
  const owner = new Map<string, { digest: string; bundle: string }>();
  return model.imageBundles.map((entry) => {
    const path = bundlePath(ctx, entry);
    const images = readOciArchive(path);
    for (const i of images) {
      const other = owner.get(i.name);
      if (other && other.digest !== i.digest)
        throw new OrchestrateError('VARS_INVALID', `${i.name} is in ${other.bundle} and in ${path} at other digests`, {
          fix: 'keep one of them in cluster.images.bundles: containerd holds one image per name',
        });
      owner.set(i.name, { digest: i.digest, bundle: path });
    }
    return {
      name: `image ${images[0]!.name}`,
      action: containerdImage({
        archive: { file: path, sha256: sha256Of(path) },
        images: images.map((i) => ({ name: i.name, digest: i.digest })),
        address: CONTAINERD_SOCKET,
        ctr: CTR_BIN,
      }),
    };
  });
}

/** {arch} expanded to the host's; a relative entry is under the artifacts mirror. */
function bundlePath(ctx: RoleContext<unknown>, entry: string): string {
  const expanded = entry.replaceAll('{arch}', ctx.facts.arch);
  if (isAbsolute(expanded)) return expanded;
  const dir = artifactOptions(ctx).artifactsDir;
  if (dir === undefined)
    throw new OrchestrateError(
      'VARS_INVALID',
      `cluster.images.bundles entry "${entry}" is relative, and there is no artifacts dir to resolve it in`,
      { fix: `give an absolute path, or set the mirror with --artifacts-dir DIR or the inventory's artifacts_dir` },
    );
  return join(dir, expanded);
}

const hashes = new Map<string, string>();

/** sha256 of a local file, once per process per (path, size, mtime): tasks() is synchronous. */
function sha256Of(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const key = `${path}\0${st.size}\0${st.mtimeMs}`;
    const hit = hashes.get(key);
    if (hit) return hit;
    const hash = createHash('sha256');
    const buf = Buffer.alloc(1024 * 1024);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
    const sha = hash.digest('hex');
    hashes.set(key, sha);
    return sha;
  } finally {
    closeSync(fd);
  }
}
