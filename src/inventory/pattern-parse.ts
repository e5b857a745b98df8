// Ansible host-pattern grammar -> terms: `a:b`, `a,b`, `a:&b`, `a:!b`, globs, `~regex`, `@file`, `g[0:2]`.

import { OrchestrateError } from '../errors.ts';

export type TermOp = 'union' | 'intersect' | 'exclude';
export type TermKind = 'all' | 'name' | 'glob' | 'regex' | 'file';
/** Ansible subscripts on a term's hosts (inventory order): `g[1]`, `g[-1]`, `g[0:2]` (inclusive), `g[2:]`. */
export type Subscript = { readonly index: number } | { readonly start: number; readonly end: number | undefined };

export interface PatternTerm {
  readonly op: TermOp;
  readonly kind: TermKind;
  /** The name, glob, regex body or file path, without the op and kind prefixes and the subscript. */
  readonly text: string;
  /** The term as written, for messages. */
  readonly written: string;
  readonly subscript: Subscript | undefined;
}

const OPENERS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
const SUBSCRIPT = /^(.+)\[(?:(-?\d+)|(\d+):(\d*))\]$/;

/** Terms in Ansible's evaluation order: unions, then intersections, then exclusions; PATTERN_INVALID when malformed. */
export function parsePattern(pattern: string): PatternTerm[] {
  const terms = splitPattern(pattern).map((t) => parseTerm(t, pattern));
  if (terms.length === 0)
    throw invalidPattern(
      pattern,
      'the pattern is empty',
      "use 'all', a group, a host, or a combination like web:&prod:!web-3",
    );
  const rank: Record<TermOp, number> = { union: 0, intersect: 1, exclude: 2 };
  return terms
    .map((t, i) => [t, i] as const)
    .sort((a, b) => rank[a[0].op] - rank[b[0].op] || a[1] - b[1])
    .map(([t]) => t);
}

/** Splits on `:`, `,` and whitespace, except inside [], (), {} (subscripts, regex groups). */
export function splitPattern(pattern: string): string[] {
  const parts: string[] = [];
  const closers: string[] = [];
  let current = '';
  for (const ch of pattern) {
    if (OPENERS[ch]) closers.push(OPENERS[ch]);
    else if (ch === closers[closers.length - 1]) closers.pop();
    if (closers.length === 0 && (ch === ':' || ch === ',' || /\s/.test(ch))) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.filter((p) => p !== '');
}

/** One term: optional `&`/`!`, then `@file`, `~regex`, `all`/`*`, a glob or a name, then an optional subscript. */
export function parseTerm(written: string, pattern: string): PatternTerm {
  const op: TermOp = written.startsWith('!') ? 'exclude' : written.startsWith('&') ? 'intersect' : 'union';
  const body = op === 'union' ? written : written.slice(1);
  const term = (kind: TermKind, text: string, subscript?: Subscript): PatternTerm => ({
    op,
    kind,
    text,
    written,
    subscript,
  });
  if (body === '')
    throw invalidPattern(
      pattern,
      `'${written}' has no host or group after the operator`,
      'write &group or !group, e.g. web:!web-3',
    );
  if (body.startsWith('@')) {
    if (body.length === 1)
      throw invalidPattern(pattern, "'@' has no file name", 'write @path/to/file (one host a line)');
    return term('file', body.slice(1));
  }
  if (body.startsWith('~')) {
    const re = body.slice(1);
    if (re === '') throw invalidPattern(pattern, "'~' has no regular expression", 'write ~regex, e.g. ~web-[0-9]+');
    compileRegex(re, pattern);
    return term('regex', re);
  }
  const m = SUBSCRIPT.exec(body);
  const base = m ? m[1]! : body;
  const subscript: Subscript | undefined = !m
    ? undefined
    : m[2] !== undefined
      ? { index: Number(m[2]) }
      : { start: Number(m[3]), end: m[4] === '' ? undefined : Number(m[4]) };
  if (base === 'all' || base === '*') return term('all', base, subscript);
  if (/[*?[]/.test(base)) return term('glob', base, subscript);
  if (/[\]!&@~]/.test(base))
    throw invalidPattern(
      pattern,
      `'${written}' is not a host or group name`,
      "put the operator first ('!web', '&web') and separate terms with ':' or ','",
    );
  return term('name', base, subscript);
}

/** A `~regex` matches from the start of a name, like Python's re.match in Ansible. */
export function compileRegex(re: string, pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${re})`);
  } catch (err) {
    throw invalidPattern(
      pattern,
      `~${re} is not a valid regular expression (${(err as Error).message})`,
      'fix the regular expression (JavaScript syntax)',
      err,
    );
  }
}

/** fnmatch globs: `*`, `?`, `[abc]`, `[!abc]`; the whole name must match. */
export function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '[') {
      // As fnmatch: a `]` right after `[` or `[!` belongs to the class.
      let from = i + 1;
      if (glob[from] === '!') from++;
      if (glob[from] === ']') from++;
      const close = glob.indexOf(']', from);
      if (close < 0) out += '\\[';
      else {
        const cls = glob.slice(i + 1, close);
        const negated = cls.startsWith('!');
        out += `[${negated ? '^' : ''}${(negated ? cls.slice(1) : cls).replace(/[\\\][^]/g, '\\$&')}]`;
        i = close;
      }
    } else out += ch.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`^(?:${out})$`);
  } catch {
    // A class like [z-a] is invalid: fall back to a literal match of the whole glob.
    return new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  }
}

/** PATTERN_INVALID quoting the whole pattern. */
export function invalidPattern(pattern: string, problem: string, fix: string, cause?: unknown): OrchestrateError {
  return new OrchestrateError(
    'PATTERN_INVALID',
    `host pattern ${JSON.stringify(pattern)}: ${problem}`,
    cause === undefined ? { fix } : { fix, cause },
  );
}
