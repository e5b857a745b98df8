// Pure reader of a Kubernetes component's real `--help` (cobra + spf13/pflag) into the rows of a flag list (tsv.ts).

import { kindOf, TYPED_COMPONENTS } from './emit.ts';
import type { FlagRow } from './tsv.ts';

/** One flag as `--help` prints it: the columns of a flag list plus what else the line shows. */
export interface HelpFlag extends FlagRow {
  /** As printed in pflag's `(default ...)` suffix (strings keep their quotes); '' when none is printed. */
  readonly default: string;
  /** The one-letter shorthand (`-v, --v Level`), '' when none. */
  readonly shorthand: string;
  /** The section heading the flag is listed under, without the colon ("Generic flags", "Flags"). */
  readonly section: string;
  /** The usage text, continuation lines joined with '\n', without the default and deprecation suffixes. */
  readonly usage: string;
  /** The text of pflag's `(DEPRECATED: ...)` suffix or of a usage starting with "DEPRECATED:"; '' when none. */
  readonly deprecation: string;
}

/** A section heading: "Generic flags:", "Flags:", "Leader-migration flags:". */
const SECTION = /^((?:\S.* )?[Ff]lags):$/;
/**
 * A flag's first line, as pflag's FlagUsagesWrapped prints it: `  -v, --v Level   usage` or `      --name type   usage`.
 * The type is the back-quoted word of the usage, else pflag's type name, and absent for a boolean (pflag prints
 * a boolean's NoOptDefVal other than true as `--name[=false]`). At least two spaces separate it from the usage.
 */
const FLAG_LINE =
  /^(?: {2}-([A-Za-z0-9]), | {6})--([A-Za-z0-9][A-Za-z0-9_.-]*)(\[=[^\]]*\])?(?: (\S+(?: \S+)*))?(?: {2,}(.*))?$/;

/** kubelet's text for the flags that belong in its --config file: they still work (a warning). */
const CONFIG_FILE = /should be set via the config file specified by the Kubelet's --config flag/;

/** Pure: the last pflag suffix `(<word> ...)` of `text` (on its last line, closing it), split off. */
function suffix(text: string, word: string): { rest: string; value: string } | undefined {
  const at = text.lastIndexOf(`(${word} `);
  if (at < 0 || !text.endsWith(')') || text.indexOf('\n', at) >= 0) return undefined;
  if (at > 0 && !/\s/.test(text[at - 1]!)) return undefined;
  return { rest: text.slice(0, at).trimEnd(), value: text.slice(at + word.length + 2, -1) };
}

/** Pure: one line for a TSV cell (tabs and line breaks become single spaces). */
const cell = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Pure: the note column for a flag (shorthand, then why it is deprecated), in the lists' wording. */
function noteOf(shorthand: string, deprecation: string): string {
  const parts: string[] = [];
  if (shorthand !== '') parts.push(`shorthand -${shorthand}`);
  if (CONFIG_FILE.test(deprecation))
    parts.push('deprecated-as-flag: set via kubelet --config file instead (flag still works)');
  else if (deprecation !== '') parts.push(`deprecated: DEPRECATED: ${cell(deprecation)}`);
  return parts.join('; ');
}

/**
 * Pure: every flag `--help` lists, in the order printed. The flags are read only under a section heading (the
 * description above "Usage:" is prose). Names are as printed: kube-proxy's klog flags keep their underscores
 * (`log_dir`). pflag hides flags marked deprecated (MarkDeprecated) and hidden ones: they are not in the text.
 */
export function parseHelp(text: string): HelpFlag[] {
  interface Open {
    shorthand: string;
    name: string;
    type: string;
    lines: string[];
    column: number;
    section: string;
  }
  const out: HelpFlag[] = [];
  let section = '';
  let open: Open | undefined;
  const close = (): void => {
    if (open === undefined) return;
    let usage = open.lines.join('\n').trimEnd();
    let deprecation = '';
    const dep = suffix(usage, 'DEPRECATED:');
    if (dep !== undefined) [usage, deprecation] = [dep.rest, dep.value.trim()];
    let dflt = '';
    const def = suffix(usage, 'default');
    if (def !== undefined) [usage, dflt] = [def.rest, def.value];
    if (deprecation === '' && /^DEPRECATED:/.test(usage)) deprecation = usage.replace(/^DEPRECATED:\s*/, '');
    const deprecated = deprecation !== '' || /^deprecated flags$/i.test(open.section);
    out.push({
      name: open.name,
      type: open.type,
      default: dflt,
      deprecated,
      note: noteOf(open.shorthand, deprecation),
      shorthand: open.shorthand,
      section: open.section,
      usage,
      deprecation,
    });
    open = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const heading = SECTION.exec(line);
    if (heading) {
      close();
      section = heading[1]!;
      continue;
    }
    if (section === '') continue;
    const m = FLAG_LINE.exec(line);
    if (m) {
      close();
      // A boolean whose NoOptDefVal is not "true" prints `--name[=false]`: still a boolean (empty type).
      const [, shorthand = '', name = '', , type = '', usage = ''] = m;
      open = {
        shorthand,
        name,
        type,
        lines: [usage],
        column: usage === '' ? line.length : line.length - usage.length,
        section,
      };
      continue;
    }
    if (line === '') {
      close();
      continue;
    }
    if (open !== undefined && /^\s/.test(line)) {
      const indent = line.length - line.trimStart().length;
      open.lines.push(indent >= open.column ? line.slice(open.column) : line.trimStart());
      continue;
    }
    close();
  }
  close();
  return out;
}

/** Pure: a flag list (tsv.ts's format) from parsed help: the `# source:` line, the header, one row per flag. */
export function renderFlagTsv(source: string, flags: readonly HelpFlag[]): string {
  const rows = [...flags]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => [f.name, f.type, cell(f.default), f.deprecated ? 'yes' : 'no', f.note].join('\t'));
  return [`# source: ${cell(source)}`, '# flag\ttype\tdefault\tdeprecated\tnote', ...rows, ''].join('\n');
}

/** pflag's normalization in every Kubernetes component: `log_dir` and `log-dir` are the same flag. */
export const normalizeFlagName = (name: string): string => name.replace(/_/g, '-');

/** Pure: a flag's kind as the typed modules see it, or why it has none. */
function kindOrWhy(type: string): string {
  try {
    return kindOf(type);
  } catch {
    return `no kind for type ${JSON.stringify(type)}`;
  }
}

/**
 * Pure: every way a component's flag list (its TSV rows plus its known omissions) disagrees with its real
 * `--help`, one sentence each, prefixed with `label` (component and version). A listed flag that is not
 * deprecated must be printed; a printed flag must be listed; a flag `--help` marks deprecated must be listed as
 * deprecated. A listed deprecated flag may be missing (pflag's MarkDeprecated hides it). For the typed
 * components (emit.ts) a flag's type must also give the same kind as the printed one. Names compare after
 * `_` -> `-`.
 */
export function helpDifferences(
  label: string,
  component: string,
  rows: readonly FlagRow[],
  omissions: readonly FlagRow[],
  help: readonly HelpFlag[],
): string[] {
  const listed = new Map<string, { row: FlagRow; from: string }>();
  for (const row of rows) listed.set(normalizeFlagName(row.name), { row, from: 'the TSV' });
  for (const row of omissions)
    if (!listed.has(normalizeFlagName(row.name)))
      listed.set(normalizeFlagName(row.name), { row, from: 'known-omissions.tsv' });
  const printed = new Map(help.map((f) => [normalizeFlagName(f.name), f]));
  const typed = (TYPED_COMPONENTS as readonly string[]).includes(component);
  const out: string[] = [];
  for (const [name, { row, from }] of listed) {
    const f = printed.get(name);
    if (f === undefined) {
      if (!row.deprecated) out.push(`${label}: --${name} is in ${from} (not deprecated) but --help does not print it`);
      continue;
    }
    if (f.deprecated && !row.deprecated)
      out.push(`${label}: --${name} is deprecated in --help (${cell(f.deprecation)}) but not in ${from}`);
    if (!f.deprecated && row.deprecated && !/^deprecated flags$/i.test(f.section))
      out.push(`${label}: --${name} is deprecated in ${from} but --help prints it without DEPRECATED`);
    if (typed && kindOrWhy(row.type) !== kindOrWhy(f.type))
      out.push(
        `${label}: --${name} is ${JSON.stringify(row.type)} (${kindOrWhy(row.type)}) in ${from} but --help prints ${JSON.stringify(f.type)} (${kindOrWhy(f.type)})`,
      );
  }
  for (const [name, f] of printed)
    if (!listed.has(name))
      out.push(
        `${label}: --${name}${f.type !== '' ? ` ${f.type}` : ''}${f.deprecated ? ' (deprecated)' : ''} is printed by --help but is in neither the TSV nor known-omissions.tsv`,
      );
  return out;
}
