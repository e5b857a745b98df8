// The mirror layout, shared by --artifacts-dir mirrors and the download cache (pure path and SHA256SUMS helpers).

import { join } from 'node:path';

/*
 * <root>/<component>/<version>/<arch>/<binary>      the binary, ready to install (executable)
 * <root>/<component>/<version>/SHA256SUMS           "<sha256>  <arch>/<binary>" per line (sha256sum format)
 * <root>/versions.json                              optional: what a generated mirror holds
 * component: kubernetes | etcd | containerd | runc | cni-plugins | crictl; version without a leading v.
 */

/** `<root>/<component>/<version>`. */
export function versionDir(root: string, component: string, version: string): string {
  return join(root, component, version);
}

/** Where a binary lives in a mirror or the cache. */
export function binaryPath(root: string, component: string, version: string, arch: string, binary: string): string {
  return join(versionDir(root, component, version), arch, binary);
}

/** The checksum file of a version dir. */
export function sumsPath(root: string, component: string, version: string): string {
  return join(versionDir(root, component, version), 'SHA256SUMS');
}

/** The key of a binary inside SHA256SUMS: `<arch>/<binary>`. */
export function sumsKey(arch: string, binary: string): string {
  return `${arch}/${binary}`;
}

/** Parses sha256sum output (`<hex>  <path>` or `<hex> *<path>`); other lines are ignored. */
export function parseSums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(.+?)\s*$/.exec(line);
    if (m) out.set(m[2]!.replace(/^\.\//, ''), m[1]!.toLowerCase());
  }
  return out;
}

/** sha256sum format, sorted by path, so `sha256sum -c SHA256SUMS` works inside the version dir. */
export function renderSums(sums: ReadonlyMap<string, string>): string {
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, sha]) => `${sha}  ${path}\n`)
    .join('');
}

/** The expected sha256 of `file` in a published checksum file: a `<hex>  <name>` line, or a lone hex digest. */
export function checksumFor(text: string, file: string): string | undefined {
  const sums = parseSums(text);
  for (const [path, sha] of sums) if (path === file || path.endsWith(`/${file}`)) return sha;
  const lone = /^\s*([0-9a-fA-F]{64})\s*$/.exec(text);
  return lone ? lone[1]!.toLowerCase() : undefined;
}
