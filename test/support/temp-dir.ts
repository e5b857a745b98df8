// The one temp-dir helper of the tests: a fresh private dir under the OS temp dir, gone at exit.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();
process.once('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh dir (mode 0700: it may hold private keys), removed when the test process exits at the latest. */
export function tempDir(prefix = 'orchestrate-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Removes a dir made by tempDir() now (tests that make many, or big ones). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

/** A temp dir with files written into it (name -> text); write() adds one, rm() removes the dir. */
export function tempFiles(
  files: Record<string, string> = {},
  prefix = 'orchestrate-files-',
): { dir: string; path: (n: string) => string; write: (n: string, text: string) => string; rm: () => void } {
  const dir = tempDir(prefix);
  const write = (n: string, text: string): string => {
    writeFileSync(join(dir, n), text);
    return join(dir, n);
  };
  for (const [n, t] of Object.entries(files)) write(n, t);
  return { dir, path: (n) => join(dir, n), write, rm: () => removeTempDir(dir) };
}
