// Writes a one-layer OCI image archive from a root filesystem directory, without Docker or a registry.

import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sh } from './debian-apt.ts';

/** What the image runs and where it runs. */
export interface OciImageSpec {
  /** Full name (registry/repository:tag): the name `ctr images import` gives it and pods refer to. */
  readonly name: string;
  /** The root filesystem, laid out as the container sees it. */
  readonly rootfs: string;
  readonly arch: string;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly env?: readonly string[];
  readonly user?: string;
}

/** A content-addressed blob's descriptor. */
interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function blob(dir: string, mediaType: string, bytes: Buffer): Promise<Descriptor> {
  const digest = sha256(bytes);
  await writeFile(join(dir, 'blobs/sha256', digest), bytes);
  return { mediaType, digest: `sha256:${digest}`, size: bytes.length };
}

/** The tag part of a full name ('registry.k8s.io/pause:3.10.2' -> '3.10.2'). */
export function tagOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(colon + 1) : 'latest';
}

/**
 * Builds the archive at `out` (through a temp file and a rename). Reproducible: owners 0, names sorted,
 * mtimes 0, so the same rootfs gives the same digest on every machine.
 */
export async function writeOciImage(spec: OciImageSpec, out: string): Promise<string> {
  const work = await mkdtemp(join(dirname(out), '.oci-'));
  try {
    const layerTar = join(work, 'layer.tar');
    const tarArgs = ['--numeric-owner', '--owner=0', '--group=0', '--sort=name', '--mtime=@0'];
    await sh(['tar', ...tarArgs, '-cf', layerTar, '-C', spec.rootfs, '.']);
    const oci = join(work, 'oci');
    await mkdir(join(oci, 'blobs/sha256'), { recursive: true });
    const layer = await blob(oci, 'application/vnd.oci.image.layer.v1.tar', await readFile(layerTar));
    const config = await blob(
      oci,
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture: spec.arch,
          os: 'linux',
          config: {
            ...(spec.env === undefined ? {} : { Env: spec.env }),
            ...(spec.entrypoint === undefined ? {} : { Entrypoint: spec.entrypoint }),
            ...(spec.cmd === undefined ? {} : { Cmd: spec.cmd }),
            ...(spec.user === undefined ? {} : { User: spec.user }),
          },
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
    const annotations = {
      'io.containerd.image.name': spec.name,
      'org.opencontainers.image.ref.name': tagOf(spec.name),
    };
    const index = {
      schemaVersion: 2,
      manifests: [{ ...manifest, platform: { architecture: spec.arch, os: 'linux' }, annotations }],
    };
    await writeFile(join(oci, 'index.json'), JSON.stringify(index));
    await writeFile(join(oci, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    const tmp = `${out}.${process.pid}.tmp`;
    await sh(['tar', ...tarArgs, '-cf', tmp, '-C', oci, 'oci-layout', 'index.json', 'blobs']);
    await rename(tmp, out);
    return manifest.digest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
