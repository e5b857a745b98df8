// Unified diffs of file contents for --diff: text only, secrets masked, always passed through mask().

import { createTwoFilesPatch } from 'diff';
import { Secret, SECRET_MASK, mask } from '../../secret.ts';
import { isText } from './content.ts';

/** One side of a diff: absent (null), known bytes or text, a secret, or present but not fetched. */
export type DiffSide = null | string | Buffer | Secret | { readonly notShown: string };

/** A unified diff old -> new; sides that cannot be shown are described, never printed. */
export function fileDiff(path: string, before: DiffSide, after: DiffSide): string {
  // A secret side hides both: the host's old copy may hold the old secret.
  const secret = before instanceof Secret || after instanceof Secret;
  const oldText = secret ? undefined : asText(before);
  const newText = secret ? undefined : asText(after);
  const oldName = before === null ? '/dev/null' : path;
  const newName = after === null ? '/dev/null' : path;
  if (oldText === undefined || newText === undefined) {
    const note = `content not shown: before ${describe(before)}, after ${describe(after)}`;
    return mask(`--- ${oldName}\n+++ ${newName}\n# ${note}\n`);
  }
  const patch = createTwoFilesPatch(oldName, newName, oldText, newText, undefined, undefined, { context: 3 });
  // Drop the 'Index:' and '====' banner: the ---/+++ lines already name the file.
  return mask(patch.replace(/^(Index: .*\n)?=+\n/, ''));
}

/** The side as diffable text, or undefined when it is binary or was not fetched. */
function asText(side: DiffSide): string | undefined {
  if (side === null) return '';
  if (typeof side === 'string') return side;
  if (Buffer.isBuffer(side)) return isText(side) ? side.toString('utf8') : undefined;
  return undefined;
}

/** Why a side is not shown, in a few words. */
function describe(side: DiffSide): string {
  if (side === null) return 'absent';
  if (typeof side === 'string') return `${Buffer.byteLength(side)} bytes of text`;
  if (Buffer.isBuffer(side)) return `${side.length} bytes${isText(side) ? ' of text' : ', binary'}`;
  if (side instanceof Secret) return `a secret (${SECRET_MASK})`;
  return side.notShown;
}
