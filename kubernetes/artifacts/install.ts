// Puts binaries into a mirror-layout root (cache or generated mirror): atomic, 0755, recorded in SHA256SUMS.

import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sha256File } from 'orchestrate';
import { binaryPath, parseSums, renderSums, sumsKey, sumsPath } from './layout.ts';

/** Writes text to path through a temp file and a rename: readers never see half a file. */
export async function writeAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { mode, flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Copies each binary (name -> local file) to `<root>/<component>/<version>/<arch>/<name>` and records its sha256. */
export async function installBinaries(
  root: string,
  component: string,
  version: string,
  arch: string,
  files: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const [name, src] of files) {
    const dest = binaryPath(root, component, version, arch, name);
    await mkdir(dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await copyFile(src, tmp);
      await chmod(tmp, 0o755);
      await rename(tmp, dest);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    hashes.set(name, await sha256File(dest));
  }
  const sums = sumsPath(root, component, version);
  const merged = parseSums(await readFile(sums, 'utf8').catch(() => ''));
  for (const [name, sha] of hashes) merged.set(sumsKey(arch, name), sha);
  await writeAtomic(sums, renderSums(merged));
  return hashes;
}
