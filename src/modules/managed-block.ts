// managed.block: a block of lines between BEGIN/END markers in a file; the rest of the file is left alone.

import type { Action, Module } from './types.ts';
import { action } from './types.ts';
import { isText, sha256Hex } from './lib/content.ts';
import { parseFields } from './lib/fields.ts';
import { badParam, checkPath, normalizeMode } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planFile } from './lib/file-plan.ts';
import { PlanConflict, attributeSteps } from './lib/steps.ts';
import { blockLines, withBlock } from './lib/block-text.ts';

export interface ManagedBlockParams {
  readonly path: string;
  readonly block: string;
  readonly state: 'present' | 'absent';
  readonly begin: string;
  readonly end: string;
  /** Create the file when it is missing (default true). */
  readonly create: boolean;
  readonly insert: 'start' | 'end';
  /** undefined: keep the file's mode and owner (0644 root for a new file). */
  readonly mode: string | undefined;
  readonly owner: string | undefined;
  readonly group: string | undefined;
}

export interface ManagedBlockInput {
  readonly path: string;
  /** The lines to keep between the markers (an empty block keeps just the markers). */
  readonly block?: string;
  readonly state?: 'present' | 'absent';
  /** Names the block so several coexist in one file: '# BEGIN ORCHESTRATE MANAGED BLOCK <id>'. */
  readonly id?: string;
  /** Marker line with '{mark}' standing for BEGIN/END; default '# {mark} ORCHESTRATE MANAGED BLOCK[ id]'. */
  readonly marker?: string;
  readonly create?: boolean;
  readonly insert?: 'start' | 'end';
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

/** The whole file comes back (files like /etc/hosts are small); bigger ones are refused, not truncated. */
export const BLOCK_FILE_MAX_BYTES = 1024 * 1024;

export const managedBlockModule: Module<ManagedBlockParams, FileStat> = {
  id: 'managed.block',
  probe: (p) => statProbe(p.path, { contentMax: BLOCK_FILE_MAX_BYTES }),
  parse: (stdout) => parseStat(parseFields('managed.block', stdout)),
  plan(p, have, ctx) {
    if (have.type === 'absent' && (p.state === 'absent' || !p.create)) {
      if (p.state === 'absent') return [];
      throw new PlanConflict(`${p.path} does not exist and create is false`);
    }
    if (have.type === 'link') throw new PlanConflict(`${p.path} is a symlink; manage the file it points to`);
    if (have.type === 'file' && (have.content === undefined || !isText(have.content)))
      throw new PlanConflict(`${p.path} is binary or larger than ${BLOCK_FILE_MAX_BYTES} bytes`);
    const old = have.content?.toString('utf8') ?? '';
    const lines = p.state === 'absent' ? undefined : blockLines(p.block);
    const next = withBlock(p.path, old, { begin: p.begin, end: p.end, lines, insert: p.insert });
    if (have.type === 'file' && next === old) return attributeSteps(p.path, p, have);
    const want = {
      path: p.path,
      source: { content: next },
      sha256: sha256Hex(next),
      mode: p.mode ?? have.mode ?? '0644',
      // Keep a non-root owner on rewrite; the executor runs as root, so root needs no chown.
      owner: p.owner ?? (have.uid === '0' ? undefined : have.uid),
      group: p.group ?? (have.gid === '0' ? undefined : have.gid),
    };
    return planFile(want, have, ctx);
  },
};

/** A managed block task: the planner rewrites the file's text, so a re-run never appends twice. */
export function managedBlock(p: ManagedBlockInput): Action<ManagedBlockParams, FileStat> {
  const path = checkPath('managed.block', p.path);
  const marker = p.marker ?? `# {mark} ORCHESTRATE MANAGED BLOCK${p.id === undefined ? '' : ` ${p.id}`}`;
  if (!marker.includes('{mark}') || marker.includes('\n'))
    throw badParam('managed.block', 'marker must be one line containing {mark}');
  const state = p.state ?? 'present';
  if (state === 'present' && p.block === undefined) throw badParam('managed.block', `${path}: block is required`);
  return action(managedBlockModule, {
    path,
    block: p.block ?? '',
    state,
    begin: marker.replace('{mark}', 'BEGIN'),
    end: marker.replace('{mark}', 'END'),
    create: p.create ?? true,
    insert: p.insert ?? 'end',
    mode: p.mode === undefined ? undefined : normalizeMode('managed.block', p.mode),
    owner: p.owner,
    group: p.group,
  });
}
