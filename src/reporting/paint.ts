// ANSI colors that are switched on or off explicitly (TTY and --no-color decide, not the library).

export interface Paint {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ON: Paint = {
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  red: wrap(31, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};

const same = (s: string) => s;
const OFF: Paint = { green: same, yellow: same, red: same, cyan: same, dim: same, bold: same };

/** Returns colorizers, or identity functions when color is off. */
export function paint(enabled: boolean): Paint {
  return enabled ? ON : OFF;
}

/** Colors a unified diff line by line (+ green, - red, @@ cyan); headers stay bold. */
export function colorDiff(diff: string, p: Paint): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return p.bold(line);
      if (line.startsWith('+')) return p.green(line);
      if (line.startsWith('-')) return p.red(line);
      if (line.startsWith('@@')) return p.cyan(line);
      return line;
    })
    .join('\n');
}
