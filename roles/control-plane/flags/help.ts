// Pure reader of a Kubernetes component's real `--help` (cobra + spf13/pflag) into the rows of a flag list (tsv.ts).

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
const FLAG_LINE = /^(?: {2}-([A-Za-z0-9]), | {6})--([A-Za-z0-9][A-Za-z0-9_.-]*)(\[=[^\]]*\])?(?: (\S+(?: \S+)*))?(?: {2,}(.*))?$/;

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
