// Ansible-style YAML inventories: `all: {hosts, vars, children: {group: {hosts, vars, children}}}`.

import { LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { expandHostRange } from './host-range.ts';
import { inventoryInvalid, show } from './invalid.ts';
import { indexKeyLines, pathId } from './yaml-key-lines.ts';
import type { GroupDefinition, HostDefinition, RawInventory } from './raw.ts';

// Path elements are the original YAML keys (a host key may be a number), as the key-line index has them.
type Key = unknown;
const GROUP_KEYS = ['hosts', 'vars', 'children'];

/** Parses YAML text into the raw inventory; syntax and shape errors name the file, path and line. */
export function parseYamlInventory(text: string, source: string): RawInventory {
  const lines = new LineCounter();
  // uniqueKeys is checked by the walker in linear time (the library's check is quadratic in map size).
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: true, uniqueKeys: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const place = pos ? `line ${pos.line}:${pos.col}` : '';
    const problem = `YAML syntax error: ${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
    throw inventoryInvalid(
      source,
      place,
      problem,
      'fix the YAML there (indentation, a missing colon or an unclosed quote or bracket)',
    );
  }
  const walker = new YamlWalker(source, doc, lines);
  let root: unknown;
  try {
    root = doc.toJS({ mapAsMap: true, maxAliasCount: 10_000 });
  } catch (err) {
    throw inventoryInvalid(
      source,
      '',
      `YAML cannot be read: ${(err as Error).message}`,
      'use fewer aliases (*name)',
      err,
    );
  }
  return walker.walk(root);
}

/** Walks the parsed document (Maps keep document order), collecting definitions in order. */
class YamlWalker {
  readonly #hosts: HostDefinition[] = [];
  readonly #groups: GroupDefinition[] = [];
  /** Line of every mapping key by its path (see yaml-key-lines.ts). */
  readonly keyLines: ReadonlyMap<string, number>;

  constructor(
    readonly source: string,
    doc: Document,
    lines: LineCounter,
  ) {
    this.keyLines = indexKeyLines(source, doc, lines);
  }

  walk(root: unknown): RawInventory {
    if (root === null || root === undefined)
      throw this.fail(
        [],
        'the file is empty',
        "start it with 'all:' and put hosts under all.hosts or all.children.GROUP.hosts",
      );
    const top = this.map(root, [], 'the top level', "start the file with 'all:'");
    for (const key of top.keys())
      if (key !== 'all')
        throw this.fail(
          [key],
          `unknown top-level key ${show(key)}`,
          `put groups under all.children (e.g. all.children.${String(key)}); only 'all' may be at the top level`,
        );
    const all = this.body(top.get('all'), ['all']);
    return { source: this.source, vars: all.vars, hosts: this.#hosts, groups: this.#groups };
  }

  /** One group body (all or a child): defines its hosts and children, returns its vars and members. */
  body(value: unknown, path: Key[]): { vars: Record<string, unknown>; hosts: string[]; children: string[] } {
    if (value === null || value === undefined) return { vars: {}, hosts: [], children: [] };
    const m = this.map(value, path, 'a group', 'give the group hosts:, vars: and/or children: (each a mapping)');
    for (const key of m.keys())
      if (typeof key !== 'string' || !GROUP_KEYS.includes(key))
        throw this.fail(
          [...path, key],
          `unknown key ${show(key)} in a group`,
          `a group has only hosts:, vars: and children:; a host goes under hosts:`,
        );
    const vars = this.vars(m.get('vars'), [...path, 'vars']);
    const hosts = this.hostEntries(m.get('hosts'), [...path, 'hosts']);
    const children: string[] = [];
    const kids = m.get('children');
    if (kids !== null && kids !== undefined) {
      const km = this.map(
        kids,
        [...path, 'children'],
        'children',
        'write children as a mapping: children: {web: {hosts: ...}}',
      );
      for (const [key, child] of km) {
        const name = this.name(key, [...path, 'children']);
        children.push(name);
        // Take the slot before walking the body, so groups stay in document order (parents first).
        const slot = this.#groups.push(undefined as unknown as GroupDefinition) - 1;
        const inner = this.body(child, [...path, 'children', key]);
        const referenceOnly = child === null || child === undefined;
        this.#groups[slot] = { name, ...inner, place: this.place([...path, 'children', key]), referenceOnly };
      }
    }
    return { vars, hosts, children };
  }

  /** hosts: {name: null | {vars}}, host keys may be ranges like worker-[0:2]. */
  hostEntries(value: unknown, path: Key[]): string[] {
    if (value === null || value === undefined) return [];
    const fix = "write hosts as a mapping, one 'name:' per line (optionally with its vars below it)";
    const m = this.map(value, path, 'hosts', fix);
    const names: string[] = [];
    for (const [key, hostVars] of m) {
      const range = expandHostRange(this.name(key, path));
      if (!range.ok)
        throw this.fail(
          [...path, key],
          range.problem,
          'write ranges as name-[begin:end] or name-[begin:end:step], e.g. worker-[0:2]',
        );
      const vars = this.vars(hostVars, [...path, key]);
      for (const name of range.names) {
        names.push(name);
        this.#hosts.push({ name, vars, place: this.place([...path, key]) });
      }
    }
    return names;
  }

  vars(value: unknown, path: Key[]): Record<string, unknown> {
    if (value === null || value === undefined) return {};
    const m = this.map(value, path, 'vars', 'write vars as a mapping of name: value');
    const out: Record<string, unknown> = {};
    for (const [key, v] of m) out[this.name(key, path)] = plain(v);
    return out;
  }

  map(value: unknown, path: Key[], what: string, fix: string): Map<unknown, unknown> {
    if (value instanceof Map) return value;
    const kind = Array.isArray(value) ? 'a list' : `the value ${show(value)}`;
    throw this.fail(path, `${what} must be a mapping, not ${kind}`, fix);
  }

  name(key: unknown, path: Key[]): string {
    if (typeof key === 'string' && key !== '') return key;
    if (typeof key === 'number') return String(key);
    throw this.fail(path, `the key ${show(key)} is not a name`, 'use a plain name as the key');
  }

  /** `all.children.web.hosts.web-1 (line 7)`: the dotted path and, when found, the line of its key. */
  place(path: Key[]): string {
    const dotted = path.length === 0 ? 'top level' : path.join('.');
    for (let n = path.length; n > 0; n--) {
      const line = this.keyLines.get(pathId(path.slice(0, n)));
      if (line !== undefined) return `${dotted} (line ${line})`;
    }
    return dotted;
  }

  fail(path: Key[], problem: string, fix: string): Error {
    return inventoryInvalid(this.source, this.place(path), problem, fix);
  }
}

/** Maps (from mapAsMap) back to plain objects for vars values; keys become strings. */
function plain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}
