// The only way shell text is built: every interpolated value is single-quoted unless marked raw.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one value for POSIX sh; safe words pass through unchanged for readable scripts. */
export function quote(value: string | number): string {
  const s = String(value);
  if (s !== '' && SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A fragment of shell that is already safe and is inserted verbatim. */
export class RawShell {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks already-built shell (e.g. the output of another `sh` call) for verbatim insertion. */
export function raw(text: string): RawShell {
  return new RawShell(text);
}

type ShellValue = string | number | RawShell | readonly (string | number)[];

/** Tagged template: sh`rm -f ${path}` quotes path; arrays become quoted words; raw() stays. */
export function sh(strings: TemplateStringsArray, ...values: ShellValue[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (v instanceof RawShell) out += v.text;
    else if (Array.isArray(v)) out += v.map((x) => quote(x)).join(' ');
    else out += quote(v as string | number);
    out += strings[i + 1] ?? '';
  });
  return out;
}
