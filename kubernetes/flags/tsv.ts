// Pure readers of the flag lists (test/fixtures/flags): one row per flag a component's version accepts.

/** One flag: its name (no dashes), the type as the reference page prints it, and whether it is deprecated. */
export interface FlagRow {
  readonly name: string;
  readonly type: string;
  readonly deprecated: boolean;
  /** Deprecation text, or why a known omission is believed to exist. */
  readonly note: string;
}

/** A parsed `<minor>/<component>.tsv`: its `# source:` line and its rows. */
export interface FlagList {
  readonly source: string;
  readonly rows: readonly FlagRow[];
}

/** Pure: a TSV of flag, type, default, deprecated, note (lines starting with # are comments). */
export function parseFlagList(tsv: string): FlagList {
  const lines = tsv.split('\n');
  const source = (lines.find((l) => l.startsWith('# source:')) ?? '').replace(/^# source:\s*/, '');
  const rows = lines
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [name = '', type = '', , deprecated = '', note = ''] = l.split('\t');
      return { name, type, deprecated: deprecated === 'yes', note: note.trim() };
    });
  return { source, rows };
}

/**
 * Pure: the rows of known-omissions.tsv (versions, components, flag, type, confidence, why) that name one flag
 * of `component` in `minor`. Prose rows (type "-", several flags in one cell) are not flag names and are skipped.
 */
export function parseOmissions(tsv: string, component: string, minor: string): FlagRow[] {
  const out: FlagRow[] = [];
  for (const line of tsv.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [versions = '', components = '', name = '', type = '', , why = ''] = line.split('\t');
    if (type === '-' || !/^[a-z0-9-]+$/.test(name)) continue;
    if (versions !== 'all' && !versions.split(',').includes(minor)) continue;
    if (!components.split(',').includes(component)) continue;
    const deprecated = /deprecated/i.test(why);
    out.push({ name, type: type === 'bool' ? '' : type, deprecated, note: why.trim() });
  }
  return out;
}

/** The names every listed row and omission gives (what a rendered unit may use). */
export function flagNames(list: FlagList, omissions: readonly FlagRow[]): Set<string> {
  return new Set([...list.rows, ...omissions].map((r) => r.name));
}
