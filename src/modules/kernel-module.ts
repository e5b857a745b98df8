// kernel.module: a kernel module loaded now (built-in counts) and listed in /etc/modules-load.d.

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { parseFields } from './lib/fields.ts';
import { MANAGED_HEADER, checkName } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planGenerated } from './lib/file-plan.ts';
import { runStep } from './lib/steps.ts';
import { DIFF_MAX_BYTES } from './file.ts';

export const MODULES_LOAD_DIR = '/etc/modules-load.d';

export interface KernelModuleParams {
  readonly name: string;
  /** Also load it at boot via /etc/modules-load.d/NAME.conf (default true). */
  readonly persist: boolean;
}

export interface KernelModuleInput {
  readonly name: string;
  readonly persist?: boolean;
}

export interface KernelModuleState {
  /** Listed in /proc/modules. */
  readonly loaded: boolean;
  /** Listed in /lib/modules/$(uname -r)/modules.builtin: always present, modprobe not needed. */
  readonly builtin: boolean;
  readonly conf: FileStat;
}

/** The boot-time list file for one module. */
export function modulesLoadPath(name: string): string {
  return `${MODULES_LOAD_DIR}/${name}.conf`;
}

export const kernelModuleModule: Module<KernelModuleParams, KernelModuleState> = {
  id: 'kernel.module',
  probe(p, ctx) {
    // /proc/modules spells names with '_'; file names in modules.builtin may use '-' or '_'.
    const loaded = `${p.name.replace(/-/g, '_')} `;
    const builtin = `/${p.name.replace(/[-_]/g, '[-_]')}\\.ko$`;
    return [
      sh`if grep -q ^${loaded} /proc/modules 2>/dev/null; then echo loaded=yes; else echo loaded=no; fi`,
      sh`if grep -Eq ${builtin} "/lib/modules/$(uname -r)/modules.builtin" 2>/dev/null; then echo builtin=yes; else echo builtin=no; fi`,
      statProbe(modulesLoadPath(p.name), { prefix: 'conf.', contentMax: ctx.diff ? DIFF_MAX_BYTES : undefined }),
    ].join('\n');
  },
  parse(stdout) {
    const f = parseFields('kernel.module', stdout);
    return { loaded: f.need('loaded') === 'yes', builtin: f.need('builtin') === 'yes', conf: parseStat(f, 'conf.') };
  },
  plan(p, have, ctx): Step[] {
    const steps: Step[] = [];
    if (p.persist)
      steps.push(...planGenerated(modulesLoadPath(p.name), `${MANAGED_HEADER}\n${p.name}\n`, have.conf, ctx));
    if (!have.loaded && !have.builtin) steps.push(runStep(`modprobe ${p.name}`, sh`modprobe ${p.name}`));
    return steps;
  },
};

/** A kernel module task: `modprobe` only when neither loaded nor built in; persisted file when it differs. */
export function kernelModule(p: KernelModuleInput): Action<KernelModuleParams, KernelModuleState> {
  const name = checkName('kernel.module', 'module name', p.name, /^[A-Za-z0-9_-]+$/);
  return action(kernelModuleModule, { name, persist: p.persist ?? true });
}
