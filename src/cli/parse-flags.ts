// node:util parseArgs with messages that name the flag, the command and the fix (and refuse a flag given twice).

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OrchestrateError } from '../errors.ts';
import { didYouMean } from '../inventory/suggest.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses args for `orchestrate <command>`; every problem is OPTIONS_INVALID naming the flag. */
export function parseFlags<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
  maxPositionals: number,
) {
  const bad = (problem: string, fix: string, cause?: unknown) =>
    new OrchestrateError(
      'OPTIONS_INVALID',
      `orchestrate ${command}: ${problem}`,
      cause === undefined ? { fix } : { fix, cause },
    );
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw explain(err as Error & { code?: string }, command, options, bad);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens)
    if (t.kind === 'option' && options[t.name]?.multiple !== true) {
      if (seen.has(t.name))
        throw bad(
          `--${t.name} given twice`,
          `give --${t.name} once${t.name === 'limit' ? " (to select both, join the patterns: -l 'web:db')" : ''}; only one inventory, state dir, ... applies to a run`,
        );
      seen.add(t.name);
    }
  if (parsed.positionals.length > maxPositionals)
    throw bad(
      `unexpected argument "${parsed.positionals[maxPositionals]}"` +
        (maxPositionals === 1 ? ` (${command} takes one playbook)` : ''),
      maxPositionals === 1
        ? `run orchestrate ${command} once per playbook`
        : `flags take their value after the flag, e.g. -i ${parsed.positionals[maxPositionals]}; see orchestrate ${command} --help`,
    );
  return parsed;
}

/** Node's parseArgs errors, reworded: the flag, what is wrong, a suggestion. */
function explain(
  err: Error & { code?: string },
  command: string,
  options: Options,
  bad: (problem: string, fix: string, cause?: unknown) => OrchestrateError,
): OrchestrateError {
  const flag = /'(-[^']*)'/.exec(err.message)?.[1] ?? '';
  const long = (name: string) => `--${name}`;
  const known = Object.keys(options).map(long);
  const named = Object.entries(options).find(
    ([name, o]) => flag.includes(long(name)) || (o.short && flag === `-${o.short}`),
  );
  const help = `see the flags with: orchestrate ${command} --help`;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return bad(`unknown flag ${flag}${didYouMean(flag, known)}`, help, err);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = named ? long(named[0]) : flag;
      if (named?.[1].type === 'boolean')
        return bad(`${name} takes no value`, `write ${name} alone (it is on when given)`, err);
      if (/ambiguous/.test(err.message))
        return bad(
          `${name} needs a value, and the next word starts with -`,
          `if the value starts with -, write ${name}=VALUE`,
          err,
        );
      return bad(`${name} needs a value`, `write ${name} ${name === '--limit' ? 'PATTERN' : 'VALUE'}; ${help}`, err);
    }
    default:
      return bad(err.message, help, err);
  }
}
