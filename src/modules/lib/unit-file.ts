// Pure: a systemd unit file from sections of directives; command words escaped as systemd.service reads them.

import { OrchestrateError } from '../../errors.ts';

/** A command line (ExecStart=, ExecStartPre=, ...): each inner list is one line of words, continued with ` \`. */
export interface UnitCommand {
  readonly lines: readonly (readonly string[])[];
  /** systemd's command prefix ('-': a failure is ignored), written before the first word unescaped. */
  readonly prefix?: '-' | '@' | ':' | '+' | '!' | '!!';
}

/** One `Key=value` line; a plain value is written as is (one line), a command is escaped word by word. */
export type UnitDirective = readonly [key: string, value: string | UnitCommand];

export interface UnitFileSpec {
  /** Comment lines above [Unit] (e.g. the managed-by header). */
  readonly header?: string;
  readonly unit: readonly UnitDirective[];
  readonly service: readonly UnitDirective[];
  readonly install?: readonly UnitDirective[];
}

const KEY = /^[A-Za-z][A-Za-z0-9]*$/;

function bad(why: string): OrchestrateError {
  return new OrchestrateError('PLAYBOOK_INVALID', `systemd unit: ${why}`, {
    fix: 'give unit directives a plain name and a one-line value; pass commands as words (execLine / execLines)',
  });
}

/**
 * Pure: one command word as systemd reads it. `%` is a specifier and `$` a variable even inside quotes,
 * so both are doubled; a word with blanks, quotes, backslashes or `;` (a command separator) is quoted.
 * Single quotes when the word holds `"` but no `'` (a `sh -c` script reads as written), else double quotes.
 */
export function execWord(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (escaped !== '' && !/[\s"'\\;]/.test(escaped)) return escaped;
  const quote = escaped.includes('"') && !escaped.includes("'") ? "'" : '"';
  // Inside quotes systemd still reads C escapes: a backslash, the quote and control characters need one.
  const inner = escaped
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(quote, 'g'), `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `${quote}${inner}${quote}`;
}

/** A command on one line: `ExecStart=/usr/bin/socat TCP-LISTEN:80 ...`. */
export function execLine(words: readonly string[], prefix?: UnitCommand['prefix']): UnitCommand {
  return prefix === undefined ? { lines: [words] } : { lines: [words], prefix };
}

/** A command continued over lines: the binary, then each flag (a word, or words kept on one line). */
export function execLines(binary: string, flags: readonly (string | readonly string[])[]): UnitCommand {
  return { lines: [[binary], ...flags.map((f) => (typeof f === 'string' ? [f] : f))] };
}

function renderCommand(c: UnitCommand): string {
  if (c.lines.length === 0 || c.lines[0]!.length === 0) throw bad('a command needs at least its binary');
  return (c.prefix ?? '') + c.lines.map((words) => words.map(execWord).join(' ')).join(' \\\n  ');
}

function renderDirective([key, value]: UnitDirective): string {
  if (!KEY.test(key)) throw bad(`${JSON.stringify(key)} is not a directive name`);
  if (typeof value !== 'string') return `${key}=${renderCommand(value)}`;
  // A newline would start a directive of its own: refused rather than written.
  if (/[\n\r]/.test(value)) throw bad(`${key}= must be one line`);
  return `${key}=${value}`;
}

function renderSection(name: string, directives: readonly UnitDirective[]): string {
  return [`[${name}]`, ...directives.map(renderDirective)].join('\n') + '\n';
}

/** Pure: the unit file; sections separated by a blank line, the text ends with a newline. */
export function renderUnitFile(spec: UnitFileSpec): string {
  const sections = [renderSection('Unit', spec.unit), renderSection('Service', spec.service)];
  if (spec.install !== undefined) sections.push(renderSection('Install', spec.install));
  return (spec.header === undefined ? '' : `${spec.header}\n`) + sections.join('\n');
}
