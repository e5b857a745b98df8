// Unpacks a release tarball with the system's tar and finds its executables, wherever the archive put them.

import { execFile } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every executable regular file under dir, by base name (the first one found wins; sorted walk). */
export async function executablesUnder(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && ((await stat(p)).mode & 0o111) !== 0 && !found.has(e.name)) found.set(e.name, p);
    }
  };
  await walk(dir);
  return found;
}

/** `tar -xzf archive -C dir` (no owners kept), then its executables by name. */
export async function extractTarGz(archive: string, dir: string): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  await run('tar', ['-xzf', archive, '-C', dir, '--no-same-owner', '--no-same-permissions'], { maxBuffer: 1 << 20 });
  return executablesUnder(dir);
}
