// Loaded by `npm run test:unit` only: the unit tier stays pure, so a test there that starts a process,
// generates an RSA key or writes outside the temp dir throws at once, naming the tier it belongs to.

import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PURE_UNIT_MESSAGE = 'unit tests are pure: move this test to test/integration';

/** What every guarded call throws: what was called, and where the test belongs. */
export class ImpureUnitTest extends Error {
  override readonly name = 'ImpureUnitTest';
  constructor(what: string) {
    super(`${what}: ${PURE_UNIT_MESSAGE}`);
  }
}

type Fn = (...args: unknown[]) => unknown;

/** Replaces obj[name] with a function that runs `check` on the arguments first (fs.promises: a rejection). */
function guard(obj: object, name: string, check: (args: unknown[]) => void): void {
  const real = (obj as Record<string, Fn | undefined>)[name];
  if (typeof real !== 'function') return;
  Object.defineProperty(obj, name, {
    configurable: true,
    writable: true,
    value(this: unknown, ...args: unknown[]) {
      try {
        check(args);
      } catch (err) {
        if (obj === fs.promises) return Promise.reject(err);
        throw err;
      }
      return real.apply(this, args);
    },
  });
}

const PROCESS_FUNCTIONS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];

/** Key types whose generation is slow enough to belong to the integration tier (ed25519 and EC are not). */
const SLOW_KEY_TYPES = new Set(['rsa', 'rsa-pss', 'dsa', 'dh']);

/** The functions that write, by how many of their leading arguments are paths written to. */
const WRITES: Record<string, number> = {
  writeFile: 1,
  appendFile: 1,
  mkdir: 1,
  mkdtemp: 1,
  rm: 1,
  rmdir: 1,
  unlink: 1,
  chmod: 1,
  chown: 1,
  utimes: 1,
  truncate: 1,
  createWriteStream: 1,
  rename: 2,
  copyFile: 2,
  cp: 2,
  symlink: 2,
  link: 2,
};

const TEMP = fs.realpathSync(tmpdir());

/** Throws when a path argument lies outside the temp dir (file descriptors and the like pass). */
function refuseOutsideTemp(what: string, paths: unknown[]): void {
  for (const p of paths) {
    if (typeof p !== 'string' && !(p instanceof URL)) continue;
    const abs = resolve(p instanceof URL ? fileURLToPath(p) : p);
    if (abs !== TEMP && !abs.startsWith(TEMP + sep) && !abs.startsWith(`/tmp${sep}`) && abs !== '/dev/null')
      throw new ImpureUnitTest(`${what}(${abs}) outside the temp dir`);
  }
}

for (const name of PROCESS_FUNCTIONS)
  guard(childProcess, name, () => {
    throw new ImpureUnitTest(`child_process.${name}`);
  });

for (const name of ['generateKeyPair', 'generateKeyPairSync'])
  guard(crypto, name, ([type]) => {
    if (typeof type === 'string' && SLOW_KEY_TYPES.has(type)) throw new ImpureUnitTest(`crypto.${name}('${type}')`);
  });

for (const [name, count] of Object.entries(WRITES)) {
  for (const [obj, label] of [
    [fs, `fs.${name}`],
    [fs, `fs.${name}Sync`],
    [fs.promises, `fs.promises.${name}`],
  ] as const) {
    const key = label.slice(label.lastIndexOf('.') + 1);
    guard(obj, key, (args) => refuseOutsideTemp(label, args.slice(0, count)));
  }
}
for (const [obj, name] of [
  [fs, 'open'],
  [fs, 'openSync'],
  [fs.promises, 'open'],
] as const)
  guard(obj, name, ([path, flags]) => {
    if (/[wa+]/.test(String(flags ?? 'r'))) refuseOutsideTemp(`fs.${name}`, [path]);
  });

// Named ESM imports of these modules see the guarded functions too.
syncBuiltinESMExports();
(globalThis as Record<symbol, unknown>)[Symbol.for('orchestrate.pure-unit')] = true;
