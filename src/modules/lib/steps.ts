// Small step builders shared by every module, so summaries and chown/chmod read the same everywhere.

import type { RunStep } from '../types.ts';
import { sh } from '../../shell/quote.ts';
import type { FileStat } from './stat.ts';
import { sameOwner } from './stat.ts';

/** A shell step for the apply script; `summary` is what the operator reads in the plan. */
export function runStep(summary: string, script: string): RunStep {
  return { kind: 'run', summary, script };
}

/** The host's state makes the task impossible (e.g. a directory where a file belongs). */
export class PlanConflict extends Error {
  override readonly name = 'PlanConflict';
}

/** `chown` argument: 'o:g', 'o' or ':g' (a bare 'o:' would also reset the group to o's login group). */
export function ownerSpec(owner: string | undefined, group: string | undefined): string {
  return `${owner ?? ''}${group === undefined ? '' : `:${group}`}`;
}

/** chmod/chown steps for an existing path whose content is already right; [] when nothing differs. */
export function attributeSteps(
  path: string,
  want: { readonly mode: string | undefined; readonly owner: string | undefined; readonly group: string | undefined },
  have: FileStat,
): RunStep[] {
  const steps: RunStep[] = [];
  if (want.mode !== undefined && want.mode !== have.mode)
    steps.push(runStep(`chmod ${want.mode} ${path} (was ${have.mode ?? '?'})`, sh`chmod ${want.mode} ${path}`));
  const ownerOk = sameOwner(want.owner, have.owner, have.uid);
  const groupOk = sameOwner(want.group, have.group, have.gid);
  if (!ownerOk || !groupOk) {
    const spec = ownerSpec(ownerOk ? undefined : want.owner, groupOk ? undefined : want.group);
    steps.push(
      runStep(`chown ${spec} ${path} (was ${have.owner ?? '?'}:${have.group ?? '?'})`, sh`chown ${spec} ${path}`),
    );
  }
  return steps;
}
