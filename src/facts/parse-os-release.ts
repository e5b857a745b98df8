// Parses /etc/os-release (os-release(5): shell-style KEY=value lines, values maybe quoted).

import type { Facts } from './types.ts';

/** Unquotes one os-release value: "..." with backslash escapes, '...' literal, or bare. */
function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    return v.slice(1, -1).replace(/\\([\\"$`])/g, '$1');
  }
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  return v;
}

/** Every KEY=value pair of an os-release file; comments and malformed lines are skipped. */
export function parseOsReleaseFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m && m[1] !== undefined && m[2] !== undefined) fields[m[1]] = unquote(m[2]);
  }
  return fields;
}

/** The os fact; the defaults are those os-release(5) gives for absent keys (ID=linux). */
export function parseOsRelease(text: string): Facts['os'] {
  const f = parseOsReleaseFields(text);
  return {
    id: f['ID'] || 'linux',
    versionId: f['VERSION_ID'] ?? '',
    prettyName: f['PRETTY_NAME'] || f['NAME'] || 'Linux',
  };
}
