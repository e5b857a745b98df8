// directory: a directory with mode and ownership (created with parents), or removed recursively.

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { parseFields } from './lib/fields.ts';
import { badParam, checkPath, normalizeMode } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { PlanConflict, attributeSteps, ownerSpec, runStep } from './lib/steps.ts';

export interface DirectoryParams {
  readonly path: string;
  readonly state: 'present' | 'absent';
  /** undefined: not managed (a new directory gets 0755 from the umask). */
  readonly mode: string | undefined;
  readonly owner: string | undefined;
  readonly group: string | undefined;
}

export interface DirectoryInput {
  readonly path: string;
  readonly state?: 'present' | 'absent';
  readonly mode?: string | number;
  readonly owner?: string;
  readonly group?: string;
}

/** Refuses to remove the paths whose loss is a disaster whatever the playbook meant. */
const PROTECTED = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/proc',
  '/root',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
]);

export const directoryModule: Module<DirectoryParams, FileStat> = {
  id: 'directory',
  probe: (p) => statProbe(p.path),
  parse: (stdout) => parseStat(parseFields('directory', stdout)),
  plan(p, have): Step[] {
    if (p.state === 'absent') {
      if (have.type === 'absent') return [];
      // Checked again in the script: the guard must hold even if params were built by hand.
      return [
        runStep(
          `remove ${p.path} recursively`,
          sh`case ${p.path} in ''|/) echo 'refusing to remove /' >&2; exit 1;; esac; rm -rf -- ${p.path}`,
        ),
      ];
    }
    if (have.type === 'absent') {
      const steps = [runStep(`mkdir -p ${p.path}`, sh`mkdir -p ${p.path}`)];
      if (p.mode !== undefined) steps.push(runStep(`chmod ${p.mode} ${p.path}`, sh`chmod ${p.mode} ${p.path}`));
      if (p.owner !== undefined || p.group !== undefined) {
        const spec = ownerSpec(p.owner, p.group);
        steps.push(runStep(`chown ${spec} ${p.path}`, sh`chown ${spec} ${p.path}`));
      }
      return steps;
    }
    if (have.type !== 'directory') throw new PlanConflict(`${p.path} exists and is not a directory (${have.type})`);
    return attributeSteps(p.path, p, have);
  },
};

/** A directory task: mkdir -p plus chmod/chown only where they differ; absent removes it (never '/'). */
export function directory(p: DirectoryInput): Action<DirectoryParams, FileStat> {
  const path = checkPath('directory', p.path);
  const state = p.state ?? 'present';
  if (state === 'absent' && PROTECTED.has(path)) throw badParam('directory', `refusing to remove ${path}`);
  const mode = p.mode === undefined ? undefined : normalizeMode('directory', p.mode);
  return action(directoryModule, { path, state, mode, owner: p.owner, group: p.group });
}
