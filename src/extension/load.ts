// Loads the extensions the installation's package.json lists: `"orchestrate": { "extensions": [PATH, ...] }`,
// each a module whose default export is defineExtension({...}). Loaded only by the commands that use them
// (lab, doctor, verify), through the same loader as playbooks, so they share the engine's modules.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrchestrateError } from '../errors.ts';
import { importModule } from '../loader/compile-cache.js';
import type { Extension } from './types.ts';

/** The installation's package.json (this checkout's). */
export const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

const invalid = (message: string, fix: string, cause?: unknown): OrchestrateError =>
  new OrchestrateError('PLAYBOOK_INVALID', message, cause === undefined ? { fix } : { fix, cause });

/** The absolute paths of the extension modules a package.json lists (none when it lists none). */
export function extensionPaths(packageJson: string = PACKAGE_JSON): string[] {
  let pkg: { orchestrate?: { extensions?: unknown } };
  try {
    pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as typeof pkg;
  } catch (err) {
    throw invalid(`${packageJson} cannot be read: ${(err as Error).message}`, 'fix the package.json', err);
  }
  const list = pkg.orchestrate?.extensions;
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string' && p !== ''))
    throw invalid(
      `${packageJson}: "orchestrate.extensions" must be a list of module paths`,
      'e.g. "orchestrate": { "extensions": ["./my/extension.ts"] } (paths relative to the package.json)',
    );
  return (list as string[]).map((p) => resolve(dirname(packageJson), p));
}

const loaded = new Map<string, Promise<readonly Extension[]>>();

/** The extensions a package.json lists, loaded once per process; PLAYBOOK_INVALID naming the file that is wrong. */
export function loadExtensions(packageJson: string = PACKAGE_JSON): Promise<readonly Extension[]> {
  let p = loaded.get(packageJson);
  if (p === undefined) {
    p = Promise.all(extensionPaths(packageJson).map(loadOne));
    loaded.set(packageJson, p);
    p.catch(() => loaded.delete(packageJson));
  }
  return p;
}

async function loadOne(path: string): Promise<Extension> {
  if (!existsSync(path))
    throw invalid(`extension ${path} does not exist`, 'fix "orchestrate.extensions" in package.json');
  let mod: { default?: unknown };
  try {
    mod = (await importModule(path)) as { default?: unknown };
  } catch (err) {
    throw invalid(
      `extension ${path} failed to load: ${(err as Error).message}`,
      'fix the error above in the extension or a file it imports',
      err,
    );
  }
  const problem = shapeProblem(mod.default);
  if (problem !== undefined)
    throw invalid(`extension ${path}: ${problem}`, 'end the file with: export default defineExtension({ name, ... })');
  return mod.default as Extension;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Pure: what is wrong with a default export that should be an Extension (undefined: nothing). */
export function shapeProblem(e: unknown): string | undefined {
  if (!isObject(e) || typeof e['name'] !== 'string' || e['name'] === '')
    return 'no default export made by defineExtension() (an object with a name)';
  const flags = (where: string, f: unknown): string | undefined => {
    if (f === undefined) return undefined;
    if (!isObject(f)) return `${where}: flags must be an object`;
    for (const [name, spec] of Object.entries(f))
      if (
        !/^[a-z][a-z0-9-]*$/.test(name) ||
        !isObject(spec) ||
        (spec['type'] !== 'string' && spec['type'] !== 'boolean')
      )
        return `${where}: flag "${name}" needs a lower-case name and type 'string' or 'boolean'`;
    return undefined;
  };
  const lab = e['lab'];
  if (lab !== undefined) {
    if (!isObject(lab)) return 'lab must be an object';
    const commands = lab['commands'];
    if (commands !== undefined) {
      if (!Array.isArray(commands)) return 'lab.commands must be a list';
      for (const c of commands as unknown[]) {
        if (!isObject(c) || typeof c['name'] !== 'string' || !/^[a-z][a-z0-9-]*$/.test(c['name']))
          return 'every lab command needs a lower-case name';
        if (typeof c['run'] !== 'function') return `lab command ${c['name']} has no run()`;
        const p = flags(`lab command ${c['name']}`, c['flags']);
        if (p !== undefined) return p;
      }
    }
    const up = lab['up'];
    if (up !== undefined) {
      if (!isObject(up) || typeof up['prepare'] !== 'function') return 'lab.up needs a prepare() function';
      const p = flags('lab.up', up['flags']);
      if (p !== undefined) return p;
    }
  }
  for (const k of ['doctor', 'verify'] as const) {
    const m = e[k];
    if (m !== undefined && (!isObject(m) || typeof m['path'] !== 'string'))
      return `${k} must name its module: { path: '/absolute/path.ts' }`;
  }
  return undefined;
}
