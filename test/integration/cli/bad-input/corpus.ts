// The bad-input corpus: YAML tables of cases (argv, expected exit, message fragments), read and checked.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One broken input and what the CLI must answer. */
export interface BadInputCase {
  /** Table file (without .yaml) and the case name, for the test title. */
  readonly table: string;
  readonly name: string;
  /** The orchestrate argv; placeholders {work}, {case}, {state}, {port}, {repo} are filled in. */
  readonly args: readonly string[];
  /** 4 (playbook, inventory, vars, state dir) or 5 (options, patterns). */
  readonly exit: 4 | 5;
  /** Fragments the message must contain: the file (or flag) and the place (line, key, host). */
  readonly says: readonly string[];
  /** A fragment of the `fix:` line: what to do about it. */
  readonly fix: string;
  /** Files written into the case's own dir {case} before the run (path -> content, placeholders filled). */
  readonly files?: Readonly<Record<string, string>>;
  /** Modes set after the files are written (path under {case} -> octal string). */
  readonly modes?: Readonly<Record<string, string>>;
  /** Extra environment (ORCHESTRATE_INVENTORY is otherwise removed). */
  readonly env?: Readonly<Record<string, string>>;
  /** Do not add --state-dir {state} to apply/plan/facts (the case is about the default state dir). */
  readonly ownStateDir?: boolean;
}

export const CORPUS_DIR = new URL('../../../fixtures/bad-input/', import.meta.url).pathname;

/** Every case of every table in test/fixtures/bad-input/cases/, in file order. */
export function loadCorpus(dir: string = join(CORPUS_DIR, 'cases')): BadInputCase[] {
  const cases: BadInputCase[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const table = file.replace(/\.yaml$/, '');
    const rows = parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    if (!Array.isArray(rows)) throw new Error(`${file}: expected a list of cases`);
    for (const row of rows) cases.push(checkCase(table, row as Record<string, unknown>));
  }
  return cases;
}

/** A malformed table row fails loudly (a typo must not silently drop a case). */
function checkCase(table: string, row: Record<string, unknown>): BadInputCase {
  const known = ['name', 'args', 'exit', 'says', 'fix', 'files', 'modes', 'env', 'ownStateDir'];
  const extra = Object.keys(row).filter((k) => !known.includes(k));
  const where = `${table}.yaml: case ${JSON.stringify(row['name'])}`;
  if (extra.length > 0) throw new Error(`${where}: unknown keys ${extra.join(', ')}`);
  if (typeof row['name'] !== 'string') throw new Error(`${where}: name must be a string`);
  if (!Array.isArray(row['args']) || !row['args'].every((a) => typeof a === 'string'))
    throw new Error(`${where}: args must be a list of strings`);
  if (row['exit'] !== 4 && row['exit'] !== 5) throw new Error(`${where}: exit must be 4 or 5`);
  if (!Array.isArray(row['says']) || row['says'].length < 2)
    throw new Error(`${where}: says needs at least 2 fragments (the file or flag, and the place)`);
  if (typeof row['fix'] !== 'string' || row['fix'] === '') throw new Error(`${where}: fix must name the remedy`);
  return { table, ...(row as Omit<BadInputCase, 'table'>) };
}
