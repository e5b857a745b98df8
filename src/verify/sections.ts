// Scripts print `@@verify NAME` before each part of their output; the judges read the parts by name.

const MARKER_LINE = /^@@verify ([A-Za-z0-9_.:-]+)$/;

/** Shell: the marker line that starts section `name` (printed on its own line). */
export function sectionMarker(name: string): string {
  if (!/^[A-Za-z0-9_.:-]+$/.test(name))
    throw new Error(`verify: section name ${JSON.stringify(name)} is not a plain word`);
  return `echo; echo '@@verify ${name}'`;
}

/**
 * Splits output into sections; text before the first marker is under ''. The empty line printed before
 * each marker is dropped; a name seen twice keeps its first section.
 */
export function splitSections(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let name = '';
  let body: string[] = [];
  const close = (): void => {
    if (body.length > 0 && body[body.length - 1] === '') body.pop();
    if (!out.has(name)) out.set(name, body.join('\n'));
  };
  for (const line of output.replace(/\r\n/g, '\n').split('\n')) {
    const m = MARKER_LINE.exec(line);
    if (m) {
      close();
      name = m[1]!;
      body = [];
    } else body.push(line);
  }
  close();
  return out;
}
