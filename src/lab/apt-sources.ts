// Which Debian mirror debootstrap uses: the machine's own apt sources, never a hard-coded host.

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from '../errors.ts';

/** One `deb` source, from either file format. */
export interface AptSource {
  readonly uri: string;
  readonly suites: readonly string[];
  readonly components: readonly string[];
}

/** Suites a Debian main archive serves (a `-security`/`-updates` suite or a vendor repo is not one). */
const DEBIAN_SUITES = new Set([
  'buster',
  'bullseye',
  'bookworm',
  'trixie',
  'forky',
  'sid',
  'oldstable',
  'stable',
  'testing',
  'unstable',
]);

/** Pure: `deb [opts] URI SUITE COMPONENT...` lines of a one-line-style .list file. */
export function parseSourcesList(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    out.push({ uri: m[1]!, suites: [m[2]!], components: (m[3] ?? '').split(/\s+/).filter(Boolean) });
  }
  return out;
}

/** Pure: deb822 stanzas of a .sources file (Types/URIs/Suites/Components, Enabled: no skipped). */
export function parseDeb822(text: string): AptSource[] {
  const out: AptSource[] = [];
  const lines = text.split('\n').filter((l) => !l.startsWith('#'));
  for (const stanza of lines.join('\n').split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let key = '';
    for (const line of stanza.split('\n')) {
      if (/^\s/.test(line) && key) fields.set(key, `${fields.get(key) ?? ''} ${line.trim()}`);
      else {
        const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
        if (m) fields.set((key = m[1]!.toLowerCase()), m[2]!.trim());
      }
    }
    const words = (k: string): string[] => (fields.get(k) ?? '').split(/\s+/).filter(Boolean);
    if (!words('types').includes('deb') || fields.get('enabled')?.toLowerCase() === 'no') continue;
    for (const uri of words('uris')) {
      out.push({ uri, suites: words('suites'), components: words('components') });
    }
  }
  return out;
}

/** Pure: the first source that is a Debian main archive (a plain release suite with `main`). */
export function pickDebianMirror(sources: readonly AptSource[]): string | undefined {
  const hit = sources.find((s) => s.components.includes('main') && s.suites.some((x) => DEBIAN_SUITES.has(x)));
  return hit?.uri.replace(/\/+$/, '');
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The mirror URI: $ORCHESTRATE_LAB_MIRROR, else the machine's apt sources (sources.list first). */
export async function debianMirror(env: NodeJS.ProcessEnv = process.env, aptDir = '/etc/apt'): Promise<string> {
  const override = env['ORCHESTRATE_LAB_MIRROR'];
  if (override) return override.replace(/\/+$/, '');
  const sources: AptSource[] = parseSourcesList((await readIfExists(join(aptDir, 'sources.list'))) ?? '');
  const dir = join(aptDir, 'sources.list.d');
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  for (const n of names) {
    const text = (await readIfExists(join(dir, n))) ?? '';
    if (n.endsWith('.list')) sources.push(...parseSourcesList(text));
    else if (n.endsWith('.sources')) sources.push(...parseDeb822(text));
  }
  const uri = pickDebianMirror(sources);
  if (uri === undefined) {
    throw new OrchestrateError('LAB_ERROR', 'no Debian mirror found in /etc/apt/sources.list{,.d}', {
      fix: 'set ORCHESTRATE_LAB_MIRROR to a Debian archive URI',
    });
  }
  return uri;
}
