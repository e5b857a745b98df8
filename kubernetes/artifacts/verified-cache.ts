// Which binaries were already hashed, kept across runs: a no-op run must not re-read hundreds of MB
// of binaries. An entry holds only while the file's size, mtime, ctime, inode and expected sha256
// are all unchanged (ctime cannot be set back by a user, so a rewritten file is hashed again); the
// host's copy is checked against the expected sha256 after upload in any case.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = '.verified.json';

/** The stamp a verification is valid for: the file as it is now plus the sha256 it must have. */
export function verifyStamp(path: string, sha256: string): string {
  const st = statSync(path);
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.dev}:${st.ino}:${sha256}`;
}

/** A map path -> stamp, loaded once per process from `<cacheDir>/.verified.json`, saved on change. */
export class VerifiedCache {
  readonly #file: string;
  #stamps: Map<string, string> | undefined;
  #seq = 0;

  constructor(readonly cacheDir: string) {
    this.#file = join(cacheDir, FILE);
  }

  has(path: string, stamp: string): boolean {
    return this.#load().get(path) === stamp;
  }

  /** Records a verified file; the file is replaced atomically (a crash leaves the old or the new). */
  add(path: string, stamp: string): void {
    const stamps = this.#load();
    if (stamps.get(path) === stamp) return;
    stamps.set(path, stamp);
    try {
      mkdirSync(this.cacheDir, { recursive: true, mode: 0o700 });
      const tmp = `${this.#file}.${process.pid}.${this.#seq++}.tmp`;
      writeFileSync(tmp, JSON.stringify(Object.fromEntries(stamps)), { mode: 0o600 });
      renameSync(tmp, this.#file);
    } catch {
      // A read-only state dir only costs a re-hash next time.
    }
  }

  #load(): Map<string, string> {
    if (this.#stamps) return this.#stamps;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.#file, 'utf8'));
      const ok = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      this.#stamps = new Map(
        ok ? Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string') : [],
      );
    } catch {
      this.#stamps = new Map();
    }
    return this.#stamps;
  }
}

const caches = new Map<string, VerifiedCache>();

/** The cache of one cache dir (one instance per process, so concurrent verifications share it). */
export function verifiedCache(cacheDir: string): VerifiedCache {
  let c = caches.get(cacheDir);
  if (!c) caches.set(cacheDir, (c = new VerifiedCache(cacheDir)));
  return c;
}
