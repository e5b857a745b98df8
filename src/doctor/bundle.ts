// One script per host carrying every check's snippet, and the splitter for its output.

import { stdinSafe } from '../executor/stdin-safe.ts';

/** Marker line printed before each check's output. */
const MARKER = '@@doctor';
const MARKER_LINE = /^@@doctor ([a-z0-9-]+)$/;

/** The host's script: each snippet in a subshell (one failing check cannot stop the rest), stderr kept. */
export function bundleScript(snippets: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  for (const [id, snippet] of snippets) {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`doctor: check id ${JSON.stringify(id)} must be kebab-case`);
    lines.push(`echo; echo '${MARKER} ${id}'`, `( ${snippet}\n) 2>&1`);
  }
  lines.push(`echo; echo '${MARKER} end'`);
  return stdinSafe(lines);
}

/**
 * Splits the output by check id. The newline printed before each marker is dropped; a check whose
 * marker never appeared is missing from the map (the script was cut short).
 */
export function splitBundle(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let id: string | undefined;
  let body: string[] = [];
  const close = (): void => {
    if (id === undefined) return;
    if (body.length > 0 && body[body.length - 1] === '') body.pop();
    if (!out.has(id)) out.set(id, body.join('\n'));
  };
  for (const line of output.replace(/\r\n/g, '\n').split('\n')) {
    const m = MARKER_LINE.exec(line);
    if (m) {
      close();
      id = m[1];
      body = [];
    } else if (id !== undefined) body.push(line);
  }
  close();
  return out;
}
