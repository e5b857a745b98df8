// What an OCI image archive holds (the images `ctr images import` will create), read from its tar
// headers in-process: only the 512-byte headers and index.json are read, never the blobs.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { OrchestrateError } from 'orchestrate';

/** One manifest entry of index.json: the image it becomes when imported. */
export interface OciImage {
  /** The name `ctr images import` gives it (io.containerd.image.name). */
  readonly name: string;
  /** The descriptor's digest: what `ctr images ls` shows for the imported image. */
  readonly digest: string;
  readonly mediaType: string;
}

const BLOCK = 512;
const BLOBS = 'blobs/sha256/';
const NAME_ANNOTATION = 'io.containerd.image.name';
const REF_ANNOTATION = 'org.opencontainers.image.ref.name';
/** index.json of a bundle is small; a larger one is not an image index. */
const INDEX_MAX = 16 * 1024 * 1024;
const MAKE_ONE = 'make one with `ctr images export FILE NAME...` (it names every image)';

const cache = new Map<string, readonly OciImage[]>();

/** The images of the OCI archive at path; read once per process per (path, size, mtime). */
export function readOciArchive(path: string): readonly OciImage[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw bad(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
      fix: `put the OCI image archive at ${path} (${MAKE_ONE}), or correct the path`,
      cause: err,
    });
  }
  try {
    const st = fstatSync(fd);
    const key = `${path}\0${st.size}\0${st.mtimeMs}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const { index, blobs } = walkTar(fd, path, st.size);
    const images = parseIndex(path, index);
    for (const i of images) {
      const blob = `${BLOBS}${i.digest.slice('sha256:'.length)}`;
      if (!blobs.has(blob))
        throw bad(path, `names ${i.name} (${i.digest}) but holds no ${blob}`, {
          fix: `export the image again; ${MAKE_ONE}`,
        });
    }
    cache.set(key, images);
    return images;
  } finally {
    closeSync(fd);
  }
}

/** Walks every tar header (skipping the data): index.json's bytes and the blob paths present. */
function walkTar(fd: number, path: string, size: number): { index: Buffer; blobs: Set<string> } {
  const header = Buffer.alloc(BLOCK);
  const blobs = new Set<string>();
  let index: Buffer | undefined;
  let offset = 0;
  let longName: string | undefined;
  for (;;) {
    if (readSync(fd, header, 0, BLOCK, offset) < BLOCK) break;
    if (header.every((b) => b === 0)) break;
    if (offset === 0 && header[0] === 0x1f && header[1] === 0x8b)
      throw bad(path, 'is gzip-compressed, not a plain tar', { fix: `gunzip it: gunzip -c ${path}.gz > ${path}` });
    if (!validHeader(header))
      throw bad(path, `is not a tar archive (bad header at byte ${offset})`, {
        fix: `give a plain tar OCI image archive (oci-layout, index.json, blobs/); ${MAKE_ONE}`,
      });
    const entrySize = sizeField(header);
    const data = offset + BLOCK;
    if (data + entrySize > size)
      throw bad(path, `is truncated (an entry runs past the end at byte ${size})`, {
        fix: `copy the archive again; ${MAKE_ONE}`,
      });
    const type = String.fromCharCode(header[156]!);
    const name = (longName ?? headerName(header)).replace(/^\.\//, '');
    longName = undefined;
    if (type === 'L' || type === 'x') longName = extendedName(fd, data, entrySize, type);
    else if ((type === '0' || type === '\0') && name.startsWith(BLOBS)) blobs.add(name);
    else if ((type === '0' || type === '\0') && name === 'index.json') {
      if (entrySize > INDEX_MAX) throw bad(path, `has an index.json of ${entrySize} bytes`, { fix: MAKE_ONE });
      index = Buffer.alloc(entrySize);
      readSync(fd, index, 0, entrySize, data);
    }
    offset = data + Math.ceil(entrySize / BLOCK) * BLOCK;
  }
  if (index !== undefined) return { index, blobs };
  if (offset === 0)
    throw bad(path, 'is not a tar archive (empty)', { fix: `give a plain tar OCI image archive; ${MAKE_ONE}` });
  throw bad(path, 'has no index.json: it is not an OCI image archive (a `docker save` of Docker < 25 is not one)', {
    fix: `export the images as an OCI archive; ${MAKE_ONE}`,
  });
}

/** The header checksum (bytes 148-155, counted as spaces) matches and the magic says ustar. */
function validHeader(h: Buffer): boolean {
  if (h.toString('latin1', 257, 262) !== 'ustar') return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return parseInt(cString(h, 148, 156).trim(), 8) === sum;
}

/** Octal, or GNU base-256 (high bit set) for entries of 8 GiB and more. */
function sizeField(h: Buffer): number {
  if (h[124]! & 0x80) {
    let n = 0;
    for (let i = 125; i < 136; i++) n = n * 256 + h[i]!;
    return n;
  }
  return parseInt(cString(h, 124, 136).trim() || '0', 8);
}

/** name, with the ustar prefix field (POSIX magic "ustar\0" only; GNU uses those bytes otherwise). */
function headerName(h: Buffer): string {
  const name = cString(h, 0, 100);
  const posix = h[262] === 0;
  const prefix = posix ? cString(h, 345, 500) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** The name a GNU long-name ('L') or pax ('x', its path= record) entry gives the next entry. */
function extendedName(fd: number, at: number, size: number, type: string): string | undefined {
  const buf = Buffer.alloc(Math.min(size, 64 * 1024));
  readSync(fd, buf, 0, buf.length, at);
  if (type === 'L') return cString(buf, 0, buf.length);
  const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(buf.toString('utf8'));
  return path?.[1];
}

function cString(b: Buffer, start: number, end: number): string {
  const nul = b.indexOf(0, start);
  return b.toString('utf8', start, nul === -1 || nul > end ? end : nul);
}

/** index.json's manifests as images; each must carry a name ctr import keeps. */
function parseIndex(path: string, bytes: Buffer): OciImage[] {
  let index: unknown;
  try {
    index = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw bad(path, 'has an index.json that is not JSON', { fix: MAKE_ONE, cause: err });
  }
  const manifests = (index as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(manifests) || manifests.length === 0)
    throw bad(path, 'has an index.json that lists no manifests', { fix: MAKE_ONE });
  return manifests.map((m: unknown, i) => {
    const d = (m ?? {}) as { digest?: unknown; mediaType?: unknown; annotations?: Record<string, unknown> };
    const digest = typeof d.digest === 'string' ? d.digest : '';
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
      throw bad(path, `index.json manifests[${i}] has no sha256 digest`, { fix: MAKE_ONE });
    const named = d.annotations?.[NAME_ANNOTATION];
    const ref = d.annotations?.[REF_ANNOTATION];
    const name = typeof named === 'string' && named !== '' ? named : typeof ref === 'string' ? fullRef(ref) : undefined;
    if (name === undefined)
      throw bad(path, `index.json manifests[${i}] (${digest}) has no image name`, {
        fix: `annotate it with "${NAME_ANNOTATION}": "registry.example/repo:tag" (a full name; ${REF_ANNOTATION}${typeof ref === 'string' ? ` "${ref}"` : ''} is only a tag), or ${MAKE_ONE}`,
      });
    return { name, digest, mediaType: typeof d.mediaType === 'string' ? d.mediaType : '' };
  });
}

/** A ref.name counts as the image's name only when it is a full reference: registry host, '/', path. */
function fullRef(ref: string): string | undefined {
  const slash = ref.indexOf('/');
  if (slash <= 0 || /\s/.test(ref)) return undefined;
  const host = ref.slice(0, slash);
  return host.includes('.') || host.includes(':') || host === 'localhost' ? ref : undefined;
}

function bad(path: string, what: string, opts: { fix: string; cause?: unknown }): OrchestrateError {
  return new OrchestrateError('VARS_INVALID', `image bundle ${path} ${what}`, opts);
}
