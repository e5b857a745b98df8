// Marker lines that delimit each task's output inside one batched script, and their parser.

const PREFIX = '@@orchestrate';

/** Shell that prints a marker on its own line (leading newline: the previous output may lack one). */
export function markerShell(kind: string, id: string | number, extra = ''): string {
  return `printf '\\n${PREFIX} %s %s %s\\n' ${kind} ${id} "${extra}"`;
}

export interface Marked {
  readonly kind: string;
  readonly id: string;
  readonly extra: string;
  /** Output between this marker and the next one (our own leading newline removed). */
  readonly body: string;
}

/** Splits batched output into marked sections; text before the first marker is returned as preamble. */
export function splitMarked(output: string): { preamble: string; sections: Marked[] } {
  const lines = output.split('\n');
  const sections: Marked[] = [];
  const pre: string[] = [];
  let current: { kind: string; id: string; extra: string; body: string[] } | undefined;
  const close = (): void => {
    if (!current) return;
    // The next marker's leading newline terminates the body's last line, so joining restores it exactly.
    sections.push({ kind: current.kind, id: current.id, extra: current.extra, body: current.body.join('\n') });
  };
  for (const line of lines) {
    if (line.startsWith(PREFIX + ' ')) {
      close();
      const [, kind = '', id = '', ...rest] = line.split(' ');
      current = { kind, id, extra: rest.join(' ').trim(), body: [] };
    } else if (current) current.body.push(line);
    else pre.push(line);
  }
  close();
  return { preamble: pre.join('\n'), sections };
}
