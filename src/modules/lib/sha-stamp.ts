// The host remembers the sha256 of each file orchestrate installed from a pinned source, with the
// file's stat stamp at that moment (size, inode, mtime and ctime to the nanosecond). A probe trusts
// the record only while the stamp is unchanged (ctime cannot be set back, so any rewrite, chmod or
// replacement shows); otherwise it hashes. A no-op run then never re-reads hundreds of MB of binaries.

import { createHash } from 'node:crypto';
import { sh } from '../../shell/quote.ts';

export const SUMS_DIR = '/var/lib/orchestrate/sums';
const STAMP = '%s %i %y %z';

/** The record of one path (named by a hash of the path: no two paths share one). */
export function stampFile(path: string): string {
  return `${SUMS_DIR}/${createHash('sha256').update(path).digest('hex').slice(0, 40)}`;
}

/** Apply side, once the file is in place: records its stamp and the sha256 it was verified to have (best effort). */
export function recordShaShell(path: string, sha256: string): string {
  const f = stampFile(path);
  const write = sh`mkdir -p -m 0700 ${SUMS_DIR} && { stat -c ${STAMP} ${path} && echo ${sha256}; } > ${`${f}.tmp`} && mv -f ${`${f}.tmp`} ${f}`;
  // Without a record the next probe only hashes the file: never fail the task for it.
  return `{ ${write}; } 2>/dev/null || rm -f ${sh`${f}`} 2>/dev/null || true`;
}

/** Probe side, for the regular file "$p": prints `<key>=<sha256>` from the record if the file is unchanged since, else hashed. */
export function cachedShaShell(path: string, key: string): string {
  const f = stampFile(path);
  return [
    sh`z=$(stat -c ${STAMP} "$p"); c=`,
    sh`{ { read -r cz && read -r c; } < ${f} && [ "$cz" = "$z" ]; } 2>/dev/null || c=$(sha256sum < "$p")`,
    sh`echo ${key}="\${c%% *}"`,
  ].join('\n');
}
