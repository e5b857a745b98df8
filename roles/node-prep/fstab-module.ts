// A role-local module: /etc/fstab rewritten with its swap entries commented out, only when it has any.

import {
  action,
  parseFields,
  parseStat,
  statProbe,
  planFile,
  isText,
  sha256Hex,
  PlanConflict,
  type Action,
  type Module,
  type FileStat,
} from 'orchestrate/module-kit';
import { withoutSwap } from './fstab.ts';

/** Which fstab: /etc/fstab on hosts, a temp file in tests. */
export interface FstabSwapParams {
  readonly path: string;
}

/** fstab is small; a bigger file is refused rather than truncated. */
const FSTAB_MAX_BYTES = 256 * 1024;

/** Probe = the file with its content; plan = one atomic write of the commented text, or nothing. */
export const fstabNoSwapModule: Module<FstabSwapParams, FileStat> = {
  id: 'node-prep.fstab-no-swap',
  probe: (p) => statProbe(p.path, { contentMax: FSTAB_MAX_BYTES }),
  parse: (stdout) => parseStat(parseFields('node-prep.fstab-no-swap', stdout)),
  plan(p, have, ctx) {
    if (have.type === 'absent') return [];
    if (have.type !== 'file') throw new PlanConflict(`${p.path} is a ${have.type}, not a regular file`);
    if (have.content === undefined || !isText(have.content))
      throw new PlanConflict(`${p.path} is binary or larger than ${FSTAB_MAX_BYTES} bytes`);
    const old = have.content.toString('utf8');
    const next = withoutSwap(old);
    if (next === old) return [];
    // Keeps the file's mode; fstab is root's, and the write runs as root.
    const want = { path: p.path, source: { content: next }, sha256: sha256Hex(next), mode: have.mode ?? '0644' };
    return planFile({ ...want, owner: undefined, group: undefined }, have, ctx);
  },
};

/** The task's action: no swap entry left active in fstab (a missing fstab is fine). */
export function fstabNoSwap(path = '/etc/fstab'): Action<FstabSwapParams, FileStat> {
  return action(fstabNoSwapModule, { path });
}
