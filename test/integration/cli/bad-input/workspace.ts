// The corpus's files copied to a temp dir (placeholders filled), with the project linked in so TS fixtures import it.

import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = new URL('../../../../', import.meta.url).pathname.replace(/\/$/, '');

/** The project entries a fixture may import or the type check reads: linked, never copied. */
const LINKED = ['src', 'roles', 'playbooks', 'node_modules', 'tsconfig.json', 'package.json', 'package-lock.json'];

export interface Placeholders {
  readonly work: string;
  readonly port: number;
  readonly case?: string;
  readonly state?: string;
}

/** Replaces {work}, {case}, {state}, {port} and {repo} in text. */
export function fill(text: string, p: Placeholders): string {
  return text.replace(/\{(work|case|state|port|repo)\}/g, (whole, key: string) => {
    if (key === 'repo') return REPO;
    if (key === 'port') return String(p.port);
    const value = (p as unknown as Record<string, string | undefined>)[key];
    if (value === undefined) throw new Error(`placeholder ${whole} has no value here`);
    return value;
  });
}

/** Creates the work dir: fixture files from `from` (placeholders filled) plus links to the project. */
export function createWorkspace(from: string, port: number): string {
  const work = mkdtempSync(join(tmpdir(), 'orchestrate-bad-input-'));
  cpSync(from, work, { recursive: true });
  fillTree(work, { work, port });
  for (const name of LINKED) symlinkSync(join(REPO, name), join(work, name));
  return work;
}

function fillTree(dir: string, p: Placeholders): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) fillTree(path, p);
    else writeFileSync(path, fill(readFileSync(path, 'utf8'), p));
  }
}

/** Writes a case's own files under its dir (relative paths, placeholders filled). */
export function writeCaseFiles(caseDir: string, files: Readonly<Record<string, string>>, p: Placeholders): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(caseDir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, fill(content, p));
  }
}
