// Loads an inventory file: TS/JS modules by import() (default export), YAML/JSON by the yaml parser.

import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { buildInventory } from './build.ts';
import type { BuildOptions } from './build.ts';
import { inventoryInvalid } from './invalid.ts';
import type { RawInventory } from './raw.ts';
import { specToRaw } from './spec.ts';
import type { Inventory } from './types.ts';
import { parseYamlInventory } from './yaml.ts';
import { importModule } from '../loader/compile-cache.js';

/** extraVars (already parsed by parseExtraVars), cwd, defaultUser and homeDir; see BuildOptions. */
export type LoadOptions = BuildOptions;

const MODULE_TYPES = ['.ts', '.mts', '.js', '.mjs'];
const YAML_TYPES = ['.yaml', '.yml', '.json'];

/** Reads, validates and builds the inventory at path (relative to opts.cwd); INVENTORY_INVALID on any problem. */
export async function loadInventory(path: string, opts: LoadOptions = {}): Promise<Inventory> {
  const cwd = opts.cwd ?? process.cwd();
  const raw = await readRaw(path, resolve(cwd, path));
  return buildInventory(raw, { ...opts, cwd });
}

/** The file's definitions, before consistency checks. */
export async function readRaw(path: string, full: string): Promise<RawInventory> {
  const ext = extname(full).toLowerCase();
  const kind = MODULE_TYPES.includes(ext) ? 'module' : YAML_TYPES.includes(ext) ? 'yaml' : undefined;
  if (!kind)
    throw inventoryInvalid(
      path,
      '',
      `unsupported inventory file type ${JSON.stringify(ext || '(none)')}`,
      'use a TS/JS module (.ts, .mts, .js, .mjs) or YAML (.yaml, .yml)',
    );
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat)
    throw inventoryInvalid(
      path,
      '',
      `inventory file not found (${full})`,
      'check the -i path, e.g. -i inventory/example.yaml',
    );
  if (!stat.isFile())
    throw inventoryInvalid(
      path,
      '',
      'is not a file',
      'pass the inventory file itself with -i, e.g. -i inventory/example.yaml',
    );
  if (kind === 'yaml') return parseYamlInventory(readFileSync(full, 'utf8'), path);
  let mod: { default?: unknown };
  try {
    mod = (await importModule(full)) as { default?: unknown };
  } catch (err) {
    // esbuild's message starts "Build failed with 1 error:"; the line that names the place follows.
    const lines = String((err as Error).message ?? err).split('\n');
    const first = lines.find((l) => / ERROR: /.test(l))?.trim() ?? lines[0];
    throw inventoryInvalid(
      path,
      'import',
      `the module failed to load: ${first}`,
      'fix the error in the inventory module (or a file it imports); run tsc --noEmit to see type errors',
      err,
    );
  }
  if (mod.default === undefined)
    throw inventoryInvalid(
      path,
      'default export',
      'the module has no default export',
      'end the file with: export default defineInventory({ hosts, groups, vars })',
    );
  return specToRaw(mod.default, path);
}
