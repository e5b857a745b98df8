// sysctl: kernel parameters persisted in one /etc/sysctl.d file and applied with `sysctl -p FILE`.

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { parseFields } from './lib/fields.ts';
import { MANAGED_HEADER, badParam, checkName, checkPath } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planGenerated } from './lib/file-plan.ts';
import { runStep } from './lib/steps.ts';
import { DIFF_MAX_BYTES } from './file.ts';

export const SYSCTL_DIR = '/etc/sysctl.d';
export const DEFAULT_SYSCTL_FILE = `${SYSCTL_DIR}/99-orchestrate.conf`;

export interface SysctlParams {
  /** Absolute path of the persisted file; every key of this task lives in it. */
  readonly file: string;
  /** key -> value, in file order. */
  readonly values: Readonly<Record<string, string>>;
}

export type SysctlInput = (
  | { readonly values: Readonly<Record<string, string | number>> }
  | { readonly key: string; readonly value: string | number }
) & {
  /** A name under /etc/sysctl.d ('90-kubernetes.conf') or an absolute path; default 99-orchestrate.conf. */
  readonly file?: string;
};

export interface SysctlState {
  readonly file: FileStat;
  /** The value now in /proc/sys, whitespace-normalized; absent keys (module not loaded) are missing. */
  readonly runtime: ReadonlyMap<string, string>;
}

/** Values compare as the kernel prints them: fields separated by single spaces. */
function norm(value: string): string {
  return value.trim().split(/\s+/).join(' ');
}

/** The persisted file: a header and `key = value` lines, in the order given. */
export function sysctlContent(values: Readonly<Record<string, string>>): string {
  return [MANAGED_HEADER, ...Object.entries(values).map(([k, v]) => `${k} = ${v}`)].join('\n') + '\n';
}

export const sysctlModule: Module<SysctlParams, SysctlState> = {
  id: 'sysctl',
  probe: (p, ctx) =>
    [
      statProbe(p.file, { prefix: 'file.', contentMax: ctx.diff ? DIFF_MAX_BYTES : undefined }),
      ...Object.keys(p.values).map(
        (k) =>
          sh`f=${`/proc/sys/${k.replace(/\./g, '/')}`}; [ ! -r "$f" ] || printf 'runtime.%s=%s\\n' ${k} "$(tr '\\t\\n' '  ' < "$f")"`,
      ),
    ].join('\n'),
  parse(stdout) {
    const f = parseFields('sysctl', stdout);
    return { file: parseStat(f, 'file.'), runtime: f.withPrefix('runtime.') };
  },
  plan(p, have, ctx): Step[] {
    const steps = planGenerated(p.file, sysctlContent(p.values), have.file, ctx);
    const stale = Object.entries(p.values).filter(([k, v]) => norm(have.runtime.get(k) ?? '') !== norm(v));
    if (stale.length > 0)
      steps.push(
        runStep(`sysctl -p ${p.file} (${stale.map(([k, v]) => `${k}=${v}`).join(', ')})`, sh`sysctl -p ${p.file}`),
      );
    return steps;
  },
};

/** A sysctl task: write the file when it differs; `sysctl -p FILE` when a runtime value differs. */
export function sysctl(p: SysctlInput): Action<SysctlParams, SysctlState> {
  const given = 'values' in p ? p.values : { [p.key]: p.value };
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) {
    checkName('sysctl', 'key', k, /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
    if (/[\n#;]/.test(String(v)) || String(v).trim() === '')
      throw badParam('sysctl', `value of ${k} must be one non-empty line`);
    values[k] = String(v).trim();
  }
  if (Object.keys(values).length === 0) throw badParam('sysctl', 'no keys given');
  const name = p.file ?? DEFAULT_SYSCTL_FILE;
  const file = checkPath('sysctl', name.startsWith('/') ? name : `${SYSCTL_DIR}/${name}`);
  if (!file.endsWith('.conf')) throw badParam('sysctl', `${file}: systemd-sysctl reads only *.conf files`);
  return action(sysctlModule, { file, values });
}
