// The one flag parser of every command: node:util parseArgs, with messages that name the flag, the command
// and the fix; a flag given twice is refused; `--` ends the flags.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OrchestrateError } from '../errors.ts';
import { didYouMean } from '../inventory/suggest.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a command accepts. */
export interface FlagSpec<O extends Options> {
  /** The command as typed after `orchestrate` ('apply', 'lab'): named in every message. */
  readonly command: string;
  readonly options: O;
  /** How many operands (words that are not flags) it takes; one more is refused. */
  readonly maxOperands: number;
  /** What its one operand is ('playbook'), for a clearer message when two are given. */
  readonly operand?: string;
  /** The words after `--` are a command line to run (lab ssh/exec), returned as `rest` instead of operands. */
  readonly commandAfterDashes?: boolean;
}

/**
 * Parses the words after `orchestrate <command>`; every problem is OPTIONS_INVALID naming the flag.
 * `--flag=value` and `--flag value` are the same; `--` ends the flags, so what follows is an operand even
 * when it starts with `-` (or, with commandAfterDashes, the command line in `rest`).
 */
export function parseFlags<O extends Options>(spec: FlagSpec<O>, args: readonly string[]) {
  const { command, options, maxOperands } = spec;
  const dashes = spec.commandAfterDashes === true ? args.indexOf('--') : -1;
  const head = dashes < 0 ? [...args] : args.slice(0, dashes);
  const rest = dashes < 0 ? [] : args.slice(dashes + 1);
  let parsed;
  try {
    parsed = parseArgs({ args: head, options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw explain(err as Error & { code?: string }, command, options);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens)
    if (t.kind === 'option' && options[t.name]?.multiple !== true) {
      // Two values for one setting: which one was meant is a guess, so neither is taken.
      if (seen.has(t.name))
        throw bad(
          command,
          `--${t.name} given twice`,
          `give --${t.name} once${t.name === 'limit' ? " (to select both, join the patterns: -l 'web:db')" : ''}; only one inventory, state dir, ... applies to a run`,
        );
      seen.add(t.name);
    }
  const extra = parsed.positionals[maxOperands];
  if (extra !== undefined)
    throw bad(
      command,
      `unexpected argument "${extra}"` + (spec.operand === undefined ? '' : ` (${command} takes one ${spec.operand})`),
      spec.operand === undefined
        ? `flags take their value after the flag, e.g. -i ${extra}; ${helpHint(command)}`
        : `run orchestrate ${command} once per ${spec.operand}`,
    );
  return { values: parsed.values, positionals: parsed.positionals, rest };
}

function bad(command: string, problem: string, fix: string, cause?: unknown): OrchestrateError {
  return new OrchestrateError(
    'OPTIONS_INVALID',
    `orchestrate ${command}: ${problem}`,
    cause === undefined ? { fix } : { fix, cause },
  );
}

const helpHint = (command: string): string => `see the flags with: orchestrate ${command} --help`;

/** Node's parseArgs errors, reworded: the flag, what is wrong, a suggestion. */
function explain(err: Error & { code?: string }, command: string, options: Options): OrchestrateError {
  const flag = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
  const long = (name: string) => `--${name}`;
  const known = Object.keys(options).map(long);
  const named = Object.entries(options).find(
    ([name, o]) => flag.includes(long(name)) || (o.short && flag === `-${o.short}`),
  );
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return bad(command, `unknown flag ${flag}${didYouMean(flag, known)}`, helpHint(command), err);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = named ? long(named[0]) : flag;
      if (named?.[1].type === 'boolean')
        return bad(command, `${name} takes no value`, `write ${name} alone (it is on when given)`, err);
      if (/ambiguous/.test(err.message))
        return bad(
          command,
          `${name} needs a value, and the next word starts with -`,
          `if the value starts with -, write ${name}=VALUE`,
          err,
        );
      return bad(
        command,
        `${name} needs a value`,
        `write ${name} ${name === '--limit' ? 'PATTERN' : 'VALUE'}; ${helpHint(command)}`,
        err,
      );
    }
    default:
      return bad(command, err.message, helpHint(command), err);
  }
}
