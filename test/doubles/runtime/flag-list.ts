// The flag list of one component and version: the TSV of test/fixtures/flags plus known-omissions.tsv.

/** One flag the real binary accepts. */
export interface FlagSpec {
  readonly name: string;
  /** As printed on the reference page; '' = boolean. */
  readonly type: string;
  readonly deprecated: boolean;
  /** kubelet: still works, but belongs in the --config file (warn, never fail). */
  readonly configFileOnly: boolean;
  /** One-letter shorthand (-h, -v), when the page names one. */
  readonly shorthand?: string;
}

/** Flags by normalized name ('_' spelled '-', as pflag's WordSepNormalizeFunc does). */
export type FlagList = ReadonlyMap<string, FlagSpec>;

/** pflag's normalization in every Kubernetes component: '_' and '-' are the same flag. */
export const normalizeFlagName = (name: string): string => name.replace(/_/g, '-');

/** Pure: the flags of a component's TSV (comment lines start with '#'). */
export function parseFlagTsv(tsv: string): Map<string, FlagSpec> {
  const out = new Map<string, FlagSpec>();
  for (const line of tsv.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [name = '', type = '', , deprecated = 'no', note = ''] = line.split('\t');
    const shorthand = /shorthand -([a-zA-Z])/.exec(note)?.[1];
    out.set(normalizeFlagName(name), {
      name: normalizeFlagName(name),
      type,
      deprecated: deprecated === 'yes',
      configFileOnly: note.includes('deprecated-as-flag'),
      ...(shorthand ? { shorthand } : {}),
    });
  }
  return out;
}

/** Pure: known-omissions.tsv rows that apply to this component and minor version, as flag specs. */
export function parseOmissions(tsv: string, component: string, minor: string): FlagSpec[] {
  const out: FlagSpec[] = [];
  for (const line of tsv.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [versions = '', components = '', flags = '', type = '', , why = ''] = line.split('\t');
    if (type === '-') continue; // the '_' vs '-' spelling row: handled by normalizeFlagName
    const forVersion = versions === 'all' || versions.split(',').includes(minor);
    const forComponent = components === 'all' || components.split(',').includes(component);
    if (!forVersion || !forComponent) continue;
    for (const f of flags.split(',').map((s) => s.trim())) {
      const deprecated = /deprecat/i.test(why);
      out.push({ name: normalizeFlagName(f), type: type === 'bool' ? '' : type, deprecated, configFileOnly: false });
    }
  }
  return out;
}

/** Pure: the complete list a double checks against. */
export function flagListOf(componentTsv: string, omissionsTsv: string, component: string, minor: string): FlagList {
  const list = parseFlagTsv(componentTsv);
  for (const f of parseOmissions(omissionsTsv, component, minor)) if (!list.has(f.name)) list.set(f.name, f);
  return list;
}
