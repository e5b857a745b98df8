// Pure text surgery for managed blocks: replace, insert or remove the lines between two markers.

import { PlanConflict } from './steps.ts';

export interface BlockEdit {
  readonly begin: string;
  readonly end: string;
  /** The block's lines; undefined removes the block and its markers. */
  readonly lines: readonly string[] | undefined;
  /** Where a block that is not there yet goes. */
  readonly insert: 'start' | 'end';
}

/** The file text with the block in place (or removed); equal to `old` when nothing changes. */
export function withBlock(path: string, old: string, edit: BlockEdit): string {
  const endsWithNewline = old.endsWith('\n');
  const lines = old === '' ? [] : (endsWithNewline ? old.slice(0, -1) : old).split('\n');
  const isBegin = (l: string): boolean => l.trimEnd() === edit.begin;
  const isEnd = (l: string): boolean => l.trimEnd() === edit.end;
  const i = lines.findIndex(isBegin);
  const j = i < 0 ? -1 : lines.findIndex((l, k) => k > i && isEnd(l));
  if ((i >= 0 && j < 0) || (i < 0 && lines.some(isEnd)))
    throw new PlanConflict(`${path}: "${edit.begin}" and "${edit.end}" do not pair up; fix the file by hand`);
  const block = edit.lines === undefined ? [] : [edit.begin, ...edit.lines, edit.end];
  let out: string[];
  if (i >= 0) out = [...lines.slice(0, i), ...block, ...lines.slice(j + 1)];
  else if (edit.lines === undefined) return old;
  else out = edit.insert === 'start' ? [...block, ...lines] : [...lines, ...block];
  // Unchanged lines keep the file byte for byte; a changed file ends with a newline, as text files should.
  if (out.length === lines.length && out.every((l, k) => l === lines[k])) return old;
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/** Block text as lines: trailing newlines dropped, an empty block has no lines (markers only). */
export function blockLines(block: string): string[] {
  const text = block.replace(/\n+$/, '');
  return text === '' ? [] : text.split('\n');
}
