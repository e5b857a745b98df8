// The gather script's output contract: a marker line before each section, and the splitter for it.

/** Marker prefix; a section starts at a line `@@facts NAME` printed by the gather script. */
export const SECTION_MARKER = '@@facts';

/** Every section the gather script prints, in order; `end` proves the output is complete. */
export const SECTION_NAMES = [
  'os-release',
  'arch',
  'kernel',
  'hostname',
  'fqdn',
  'ip-addr-json',
  'ip-addr-text',
  'ip-route-json',
  'ip-route-text',
  'resolv-conf',
  'resolv-target',
  'resolved-active',
  'resolved-upstream',
  'swaps',
  'modules',
  'modules-builtin',
  'systemd-version',
  'systemd-running',
  'cap-bounding',
  'cgroup-fs',
  'end',
] as const;

/** Sections the script gained later: output gathered before them (the older fixtures) lacks them, and parses. */
export const OPTIONAL_SECTIONS: readonly SectionName[] = ['cgroup-fs', 'cap-bounding'];

/** A section name the parser knows. */
export type SectionName = (typeof SECTION_NAMES)[number];

const MARKER_LINE = /^@@facts ([a-z0-9-]+)$/;

/**
 * Splits gather output into section bodies by name. The script prints a newline before every
 * marker (the previous command may not end its output with one): that one empty line is dropped.
 * Text before the first marker (a login banner, say) is ignored; a repeated name keeps the first.
 */
export function splitSections(output: string): Map<string, string> {
  const sections = new Map<string, string>();
  let name: string | undefined;
  let body: string[] = [];
  const close = (): void => {
    if (name === undefined) return;
    if (body.length > 0 && body[body.length - 1] === '') body.pop();
    if (!sections.has(name)) sections.set(name, body.join('\n'));
  };
  for (const line of output.replace(/\r\n/g, '\n').split('\n')) {
    const m = MARKER_LINE.exec(line);
    if (m) {
      close();
      name = m[1];
      body = [];
    } else if (name !== undefined) body.push(line);
  }
  close();
  return sections;
}

/** First non-blank line of a section, trimmed; '' when there is none. */
export function firstLine(body: string | undefined): string {
  for (const line of (body ?? '').split('\n')) {
    const t = line.trim();
    if (t !== '') return t;
  }
  return '';
}
