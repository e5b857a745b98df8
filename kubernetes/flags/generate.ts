// Generates the typed flag modules of this directory from test/fixtures/flags; run it after adding a version's lists.
// Usage: npx tsx kubernetes/flags/generate.ts   (the unit test checks the committed files equal a fresh run)

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { moduleFile, renderFlagIndex, renderFlagModule, TYPED_COMPONENTS } from './emit.ts';
import { parseFlagList, parseOmissions } from './tsv.ts';

/** The project's copy of the flag lists. */
export const FLAGS_DIR = fileURLToPath(new URL('../../test/fixtures/flags/', import.meta.url));
/** Where the generated modules go (this directory). */
export const OUT_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The minors that have a list directory ("1.32", ...), oldest first. */
export function listedMinors(flagsDir: string): string[] {
  const minor = (v: string) => v.split('.').map(Number) as [number, number];
  return readdirSync(flagsDir)
    .filter((d) => /^\d+\.\d+$/.test(d))
    .sort((a, b) => minor(a)[0] - minor(b)[0] || minor(a)[1] - minor(b)[1]);
}

/** The project's prettier style applied to generated text, so `prettier --check` and a fresh generation agree. */
async function formatted(name: string, text: string): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(join(OUT_DIR, name))) ?? {};
  return prettier.format(text, { ...options, parser: 'typescript' });
}

/** Reads the lists and returns file name -> generated, formatted text (nothing is written). */
export async function generateFlagModules(flagsDir: string = FLAGS_DIR): Promise<Map<string, string>> {
  const omissions = readFileSync(join(flagsDir, 'known-omissions.tsv'), 'utf8');
  const minors = listedMinors(flagsDir);
  const out = new Map<string, string>();
  for (const component of TYPED_COMPONENTS)
    for (const minor of minors) {
      const list = parseFlagList(readFileSync(join(flagsDir, minor, `${component}.tsv`), 'utf8'));
      const extra = parseOmissions(omissions, component, minor);
      const name = moduleFile(component, minor);
      out.set(name, await formatted(name, renderFlagModule(component, minor, list.source, list.rows, extra)));
    }
  out.set('index.ts', await formatted('index.ts', renderFlagIndex(TYPED_COMPONENTS, minors)));
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, text] of await generateFlagModules()) {
    writeFileSync(join(OUT_DIR, name), text);
    process.stdout.write(`wrote kubernetes/flags/${name}\n`);
  }
}
