// command: a shell command guarded by creates/removes/unless/onlyIf; without a guard it runs every time.

import type { Action, Module } from './types.ts';
import { action } from './types.ts';
import { sh, raw } from '../shell/quote.ts';
import { invalid, parseFields } from './lib/fields.ts';
import { badParam, checkPath } from './lib/params.ts';
import { runStep } from './lib/steps.ts';

export interface CommandParams {
  /** POSIX sh, inserted as is into the apply script (set -e applies). */
  readonly run: string;
  /** Skip when this path exists (the command creates it). */
  readonly creates: string | undefined;
  /** Skip when this path does not exist (the command removes it). */
  readonly removes: string | undefined;
  /** Skip when this read-only check exits 0. */
  readonly unless: string | undefined;
  /** Run only when this read-only check exits 0. */
  readonly onlyIf: string | undefined;
  /** Shown in the plan instead of the command text (e.g. when the text is long). */
  readonly summary: string | undefined;
}

export type CommandInput = Partial<Omit<CommandParams, 'run'>> & { readonly run: string };

/** Each guard's outcome; undefined when the guard was not asked for. */
export interface CommandState {
  readonly createsExists: boolean | undefined;
  readonly removesExists: boolean | undefined;
  /** Exit codes of the guard commands. */
  readonly unlessCode: number | undefined;
  readonly onlyIfCode: number | undefined;
}

/** Runs a guard in a subshell with no input and no output, then prints its exit code. */
function guard(key: string, check: string): string {
  return sh`( ${raw(check)}\n) </dev/null >/dev/null 2>&1; echo "${raw(key)}=$?"`;
}

export const commandModule: Module<CommandParams, CommandState> = {
  id: 'command',
  // Guards run at probe time, before any step of the role: they see the host as it was, like the plan.
  probe: (p) =>
    [
      p.creates === undefined ? '' : sh`if [ -e ${p.creates} ]; then echo creates=yes; else echo creates=no; fi`,
      p.removes === undefined ? '' : sh`if [ -e ${p.removes} ]; then echo removes=yes; else echo removes=no; fi`,
      p.unless === undefined ? '' : guard('unless', p.unless),
      p.onlyIf === undefined ? '' : guard('onlyif', p.onlyIf),
      'true',
    ]
      .filter((s) => s !== '')
      .join('\n'),
  parse(stdout, p) {
    const f = parseFields('command', stdout);
    const exists = (key: string, asked: string | undefined): boolean | undefined =>
      asked === undefined ? undefined : f.need(key) === 'yes';
    const exitCode = (key: string, asked: string | undefined): number | undefined => {
      if (asked === undefined) return undefined;
      const n = Number(f.need(key));
      if (!Number.isInteger(n)) throw invalid('command', `${key}=${f.need(key)} is not an exit code`);
      return n;
    };
    return {
      createsExists: exists('creates', p.creates),
      removesExists: exists('removes', p.removes),
      unlessCode: exitCode('unless', p.unless),
      onlyIfCode: exitCode('onlyif', p.onlyIf),
    };
  },
  plan(p, have) {
    if (p.creates !== undefined && have.createsExists !== false) return [];
    if (p.removes !== undefined && have.removesExists !== true) return [];
    if (p.unless !== undefined && have.unlessCode === 0) return [];
    if (p.onlyIf !== undefined && have.onlyIfCode !== 0) return [];
    return [runStep(p.summary ?? p.run.split('\n')[0]!, p.run)];
  },
};

/** A command task; with no guard it is planned (and counted changed) on every run, by design. */
export function command(p: CommandInput): Action<CommandParams, CommandState> {
  if (p.run.trim() === '') throw badParam('command', 'run is empty');
  return action(commandModule, {
    run: p.run,
    creates: p.creates === undefined ? undefined : checkPath('command', p.creates),
    removes: p.removes === undefined ? undefined : checkPath('command', p.removes),
    unless: p.unless,
    onlyIf: p.onlyIf,
    summary: p.summary,
  });
}
