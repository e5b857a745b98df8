// Start-up without a TypeScript loader: the engine (src/**/*.ts) is compiled once by esbuild into
// node_modules/.cache/orchestrate (one output per source file, shared chunks, so every module exists
// once), reused while no source changed; playbooks, roles, extensions and TS inventories are bundled
// on first use with every import of the engine pointing at those outputs, so they share its modules
// (errors, the secret registry). Loader hooks cost ~0.5 s per run; this costs a stat per source file.
// Plain JS: bin.js needs it before anything TypeScript can load.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new globalThis.URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const CACHE = join(ROOT, 'node_modules', '.cache', 'orchestrate');
const FORMAT = 5; // bump when what is built changes

/** Spelt in pieces: this file is compiled by its own plugin, which would rewrite the literal. */
const META_URL = ['import', 'meta', 'url'].join('.');

/** Set by bin.js when the engine runs from the cache: { dir } of its outputs. */
const ENGINE_KEY = Symbol.for('orchestrate.engine');

/** @returns {string[]} every source of the engine (.ts, and .js such as this file), sorted */
function engineSources() {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  walk(SRC);
  return out.sort();
}

/** @param {string} p @returns {string} size and mtime, enough to notice an edit */
function stamp(p) {
  const st = statSync(p);
  return `${st.size}:${st.mtimeMs}`;
}

/** @param {readonly string[]} files @returns {Record<string, string>} */
function stampsOf(files) {
  return Object.fromEntries(files.map((f) => [f, stamp(f)]));
}

/** @param {Record<string, string>} stamps @returns {boolean} every file still as recorded */
function stillValid(stamps) {
  try {
    return Object.entries(stamps).every(([f, s]) => stamp(f) === s);
  } catch {
    return false;
  }
}

/** esbuild's version: a new esbuild rebuilds. */
function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
  } catch {
    return 'none';
  }
}

/**
 * The package's public entry points by the names user modules import them ('orchestrate',
 * 'orchestrate/module-kit', ...): package.json's name and "exports", to absolute source paths.
 * @returns {Map<string, string>}
 */
function selfEntries() {
  /** @type {Map<string, string>} */
  const out = new Map();
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const [sub, target] of Object.entries(pkg.exports ?? {}))
      if (typeof target === 'string' && target.endsWith('.ts'))
        out.set(sub === '.' ? pkg.name : `${pkg.name}/${sub.replace(/^\.\//, '')}`, resolve(ROOT, target));
  } catch {
    // no readable package.json: only relative imports of the engine are known
  }
  return out;
}

/**
 * An esbuild plugin: each source keeps its own import.meta.url (files found relative to the source,
 * as when run by tsx), and, for bundles of user modules, imports of the engine resolve to its outputs,
 * whether relative (`../src/errors.ts`) or by the package's name (`orchestrate`, `orchestrate/testing`),
 * so a user module shares the engine's modules (one OrchestrateError class).
 * @param {string | undefined} engineDir
 */
function plugin(engineDir) {
  const self = selfEntries();
  return {
    name: 'orchestrate',
    /** @param {import('esbuild').PluginBuild} b */
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const source = self.get(args.path);
        if (source === undefined) return undefined;
        if (engineDir === undefined) return { path: source };
        const out = join(engineDir, relative(ROOT, source).replace(/\.ts$/, '.js'));
        return existsSync(out) ? { path: pathToFileURL(out).href, external: true } : undefined;
      });
      if (engineDir !== undefined)
        b.onResolve({ filter: /^\.{0,2}\// }, (args) => {
          if (args.kind === 'entry-point') return undefined;
          const abs = resolve(args.resolveDir, args.path);
          if (!abs.startsWith(SRC + sep) || !abs.endsWith('.ts')) return undefined;
          const out = join(engineDir, relative(ROOT, abs).replace(/\.ts$/, '.js'));
          return existsSync(out) ? { path: pathToFileURL(out).href, external: true } : undefined;
        });
      b.onLoad({ filter: /\.(m?ts|m?js)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const url = JSON.stringify(pathToFileURL(args.path).href);
        return {
          contents: text.includes(META_URL) ? text.replaceAll(META_URL, url) : text,
          loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js',
        };
      });
    },
  };
}

/** Writes dir/name atomically. @param {string} dir @param {string} name @param {unknown} value */
function writeJson(dir, name, value) {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, join(dir, name));
}

/**
 * The file URL of the compiled CLI entry (src/cli/main.ts), building the engine when a source changed.
 * @returns {Promise<string>}
 */
export async function engineEntry() {
  const sources = engineSources();
  const pointer = join(CACHE, 'engine.json');
  const version = esbuildVersion();
  /** @type {string[]} files outside src/ the engine bundles (none: extensions load at run time, as playbooks) */
  let extra = [];
  try {
    const p = JSON.parse(readFileSync(pointer, 'utf8'));
    extra = Array.isArray(p.extra) ? p.extra.filter((/** @type {string} */ f) => existsSync(f)) : [];
    const same = p.format === FORMAT && p.esbuild === version && p.sources.join('\n') === sources.join('\n');
    if (same && stillValid(p.stamps) && existsSync(join(p.dir, 'src/cli/main.js'))) return use(p.dir);
  } catch {
    // no engine built yet, or an unreadable pointer: build
  }
  // An edit of a bundled file outside src/ must give a new engine too: its stamp is part of the key.
  const key = createHash('sha256')
    .update(JSON.stringify([FORMAT, version, stampsOf([...sources, ...extra])]))
    .digest('hex')
    .slice(0, 16);
  const dir = join(CACHE, `engine-${key}`);
  if (!existsSync(join(dir, 'src/cli/main.js'))) {
    const tmp = `${dir}.${process.pid}.tmp`;
    const { build } = await import('esbuild');
    const r = await build({
      entryPoints: sources.filter((f) => f.endsWith('.ts')),
      outdir: tmp,
      outbase: ROOT,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      keepNames: true,
      logLevel: 'silent',
      metafile: true,
      plugins: [plugin(undefined)],
    });
    const outside = Object.keys(r.metafile.inputs)
      .map((f) => resolve(ROOT, f))
      .filter((f) => !f.startsWith(SRC + sep) && !f.includes(`${sep}node_modules${sep}`));
    writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(outside.sort()));
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another run built the same engine first
    }
  }
  try {
    extra = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));
  } catch {
    // an engine built before inputs were recorded: only src/ is watched until it is rebuilt
  }
  const stamps = stampsOf([...sources, ...extra]);
  writeJson(CACHE, 'engine.json', { format: FORMAT, esbuild: version, sources, extra, stamps, dir });
  pruneEngines(dir);
  return use(dir);
}

/** @param {string} dir */
function use(dir) {
  /** @type {Record<symbol, unknown>} */ (globalThis)[ENGINE_KEY] = { dir };
  return pathToFileURL(join(dir, 'src/cli/main.js')).href;
}

/** Removes engines other than `keep` that are older than an hour (a run may still be using one). @param {string} keep */
function pruneEngines(keep) {
  for (const e of readdirSync(CACHE)) {
    const p = join(CACHE, e);
    if (!e.startsWith('engine-') || p === keep) continue;
    try {
      if (Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * Imports a TypeScript (or JS) module of the user's (playbook, roles, inventory): bundled against the
 * engine when the engine runs compiled, else a plain import() (the tsx loader is registered).
 * @param {string} path absolute path
 * @returns {Promise<unknown>}
 */
export async function importModule(path) {
  const engine = /** @type {{ dir: string } | undefined} */ (
    /** @type {Record<symbol, unknown>} */ (globalThis)[ENGINE_KEY]
  );
  if (engine === undefined) return import(pathToFileURL(path).href);
  const dir = join(CACHE, 'modules');
  mkdirSync(dir, { recursive: true });
  const base = createHash('sha256').update(`${engine.dir}\0${path}`).digest('hex').slice(0, 16);
  const meta = join(dir, `${base}.json`);
  try {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (stillValid(m.stamps) && existsSync(m.out)) return import(pathToFileURL(m.out).href);
  } catch {
    // not bundled yet
  }
  const { build } = await import('esbuild');
  const tmp = join(dir, `${base}.${process.pid}.tmp.mjs`);
  const r = await build({
    entryPoints: [path],
    outfile: tmp,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [plugin(engine.dir)],
  });
  const inputs = Object.keys(r.metafile.inputs)
    .filter((i) => !i.startsWith('file:'))
    .map((i) => resolve(process.cwd(), i));
  const key = createHash('sha256').update(readFileSync(tmp)).digest('hex').slice(0, 16);
  const out = join(dir, `${base}-${key}.mjs`);
  renameSync(tmp, out);
  writeJson(dir, `${base}.json`, { stamps: stampsOf(inputs), out });
  for (const e of readdirSync(dir))
    if (e.startsWith(`${base}-`) && join(dir, e) !== out && Date.now() - statSync(join(dir, e)).mtimeMs > 3_600_000)
      rmSync(join(dir, e), { force: true });
  return import(pathToFileURL(out).href);
}

/** Where the cache lives. */
export const COMPILE_CACHE_DIR = CACHE;
