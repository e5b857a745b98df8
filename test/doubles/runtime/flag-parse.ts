// argv -> flags, the way spf13/pflag (every Kubernetes binary) reads it, with pflag's error texts.

import { DoubleError } from './fail.ts';
import { normalizeFlagName, type FlagList, type FlagSpec } from './flag-list.ts';

/** Parsed command line: every value given per flag (in order), plus warnings to print. */
export interface ParsedFlags {
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly warnings: readonly string[];
}

const isBool = (f: FlagSpec): boolean => f.type === '' || f.type === 'bool';
/** Flags with a default for a bare `--flag` (pflag NoOptDefVal). */
const optionalValue = (f: FlagSpec): string | undefined => (isBool(f) ? 'true' : /\[=(.+)\]$/.exec(f.type)?.[1]);

/** Pure: parses argv against the list; throws DoubleError with pflag's message on the first error. */
export function parseFlags(argv: readonly string[], list: FlagList): ParsedFlags {
  const values = new Map<string, string[]>();
  const warnings: string[] = [];
  const byShort = new Map([...list.values()].filter((f) => f.shorthand).map((f) => [f.shorthand!, f]));
  const positionals: string[] = [];
  const set = (f: FlagSpec, v: string): void => {
    values.set(f.name, [...(values.get(f.name) ?? []), v]);
    if (f.configFileOnly) {
      warnings.push(
        `Flag --${f.name} has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag.`,
      );
    } else if (f.deprecated) warnings.push(`Flag --${f.name} has been deprecated`);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const raw = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const f = list.get(normalizeFlagName(raw));
      if (raw === '' || raw.startsWith('-') || raw.startsWith('=')) throw new DoubleError(`bad flag syntax: ${arg}`);
      if (f === undefined) throw new DoubleError(`unknown flag: --${raw}`);
      if (eq >= 0) set(f, arg.slice(eq + 1));
      else if (optionalValue(f) !== undefined) set(f, optionalValue(f)!);
      else if (i + 1 < argv.length) set(f, argv[++i]!);
      else throw new DoubleError(`flag needs an argument: --${raw}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      i = shorthands(arg, argv, i, byShort, set);
      continue;
    }
    positionals.push(arg);
  }
  const given = positionals.filter((p) => p !== '');
  if (given.length > 0)
    throw new DoubleError(
      `unexpected positional arguments ${JSON.stringify(given)}: the command takes no arguments (a flag written "--flag value" for a boolean?)`,
    );
  return { values, warnings };
}

/** `-v=2`, `-v2`, `-v 2`, `-h`: returns the index of the last argv entry used. */
function shorthands(
  arg: string,
  argv: readonly string[],
  i: number,
  byShort: ReadonlyMap<string, FlagSpec>,
  set: (f: FlagSpec, v: string) => void,
): number {
  let rest = arg.slice(1);
  while (rest.length > 0) {
    const c = rest[0]!;
    const f = byShort.get(c);
    if (f === undefined) throw new DoubleError(`unknown shorthand flag: '${c}' in ${arg}`);
    rest = rest.slice(1);
    if (rest.startsWith('=')) {
      set(f, rest.slice(1));
      return i;
    }
    if (optionalValue(f) !== undefined) {
      set(f, optionalValue(f)!);
      continue;
    }
    if (rest.length > 0) {
      set(f, rest);
      return i;
    }
    if (i + 1 >= argv.length) throw new DoubleError(`flag needs an argument: '${c}' in ${arg}`);
    set(f, argv[i + 1]!);
    return i + 1;
  }
  return i;
}

/** The last value given for a flag (pflag: a repeated scalar flag keeps the last). */
export function lastValue(p: ParsedFlags, name: string): string | undefined {
  return p.values.get(name)?.at(-1);
}

/** Every value of a list flag: repeated and comma-separated forms together. */
export function listValue(p: ParsedFlags, name: string): string[] {
  return (p.values.get(name) ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A boolean flag's value (Go's strconv.ParseBool spellings; the value was checked before). */
export function boolValue(p: ParsedFlags, name: string, dflt: boolean): boolean {
  const v = lastValue(p, name);
  return v === undefined ? dflt : ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
}
