// systemd.unit: a unit file (or drop-in) under /etc/systemd/system, with daemon-reload when it changed.

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { Secret } from '../secret.ts';
import type { Content } from './lib/content.ts';
import { parseFields } from './lib/fields.ts';
import { badParam, checkName } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planGenerated, planRemoved } from './lib/file-plan.ts';
import { runStep } from './lib/steps.ts';
import { DIFF_MAX_BYTES } from './file.ts';

export const UNIT_DIR = '/etc/systemd/system';

export interface SystemdUnitParams {
  /** e.g. 'etcd.service'. */
  readonly name: string;
  /** A drop-in file name ('10-orchestrate.conf'): writes NAME.d/DROPIN instead of the unit itself. */
  readonly dropIn: string | undefined;
  readonly content: Content;
  readonly state: 'present' | 'absent';
}

export interface SystemdUnitInput {
  readonly name: string;
  readonly dropIn?: string;
  /** Required unless state is 'absent'. */
  readonly content?: Content;
  readonly state?: 'present' | 'absent';
}

const UNIT_NAME = /^[A-Za-z0-9@_.:\\-]+\.(service|socket|timer|target|mount|automount|path|slice|swap)$/;
const DROP_IN = /^[A-Za-z0-9@_.-]+\.conf$/;

/** Where the unit (or its drop-in) lives. */
export function unitPath(p: { readonly name: string; readonly dropIn: string | undefined }): string {
  return p.dropIn === undefined ? `${UNIT_DIR}/${p.name}` : `${UNIT_DIR}/${p.name}.d/${p.dropIn}`;
}

/** daemon-reload after a unit file changed: systemd otherwise keeps running the old definition. */
export const DAEMON_RELOAD = runStep('systemctl daemon-reload', 'systemctl daemon-reload');

export const systemdUnitModule: Module<SystemdUnitParams, FileStat> = {
  id: 'systemd.unit',
  probe: (p, ctx) =>
    statProbe(unitPath(p), { contentMax: ctx.diff && !(p.content instanceof Secret) ? DIFF_MAX_BYTES : undefined }),
  parse: (stdout) => parseStat(parseFields('systemd.unit', stdout)),
  plan(p, have, ctx): Step[] {
    const path = unitPath(p);
    if (p.state === 'absent') {
      const steps = planRemoved(path, have);
      return steps.length > 0 ? [...steps, DAEMON_RELOAD] : [];
    }
    const steps = planGenerated(path, p.content, have, ctx);
    // A chmod alone does not change what systemd loads: reload only after a write.
    return steps.some((s) => s.kind === 'write') ? [...steps, DAEMON_RELOAD] : steps;
  },
};

/** A unit file task: write when it differs, then `systemctl daemon-reload` in the same step list. */
export function systemdUnit(p: SystemdUnitInput): Action<SystemdUnitParams, FileStat> {
  const name = checkName('systemd.unit', 'unit name', p.name, UNIT_NAME);
  const dropIn = p.dropIn === undefined ? undefined : checkName('systemd.unit', 'drop-in name', p.dropIn, DROP_IN);
  const state = p.state ?? 'present';
  if (state === 'present' && p.content === undefined) throw badParam('systemd.unit', `${name}: content is required`);
  return action(systemdUnitModule, { name, dropIn, content: p.content ?? '', state });
}
