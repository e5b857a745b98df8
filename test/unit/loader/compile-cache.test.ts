import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engineEntry, importModule } from '../../../src/loader/compile-cache.js';

const ENGINE_KEY = Symbol.for('orchestrate.engine');
const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

describe('loader/compile-cache (start-up without a TypeScript loader)', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orch-cc-'))));
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[ENGINE_KEY];
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN the engine compiled THEN a second start reuses it (same outputs, nothing rebuilt)', async () => {
    const first = await engineEntry();
    expect(first).to.match(/\/engine-[0-9a-f]{16}\/src\/cli\/main\.js$/);
    expect(existsSync(fileURLToPath(first))).to.equal(true);
    expect(await engineEntry()).to.equal(first);
  });

  it('GIVEN a file outside src/ that the engine bundles (the kubernetes/ lab hook the CLI wires in) edited THEN a new engine', async () => {
    const lib = fileURLToPath(new URL('../../../kubernetes/artifacts/lab-hook.ts', import.meta.url));
    const was = statSync(lib);
    // Whole seconds set and set back exactly; a clone's sub-millisecond mtime could not be restored through a Date.
    const whole = Math.floor(was.mtimeMs / 1000);
    try {
      utimesSync(lib, was.atime, whole);
      await engineEntry(); // an engine built before its outside inputs were recorded settles on the next start
      const first = await engineEntry();
      utimesSync(lib, was.atime, whole + 5);
      const second = await engineEntry();
      expect(second).to.not.equal(first);
      utimesSync(lib, was.atime, whole);
      expect(await engineEntry()).to.equal(first);
    } finally {
      utimesSync(lib, was.atime, was.mtime);
    }
  });

  it('GIVEN a user module importing the engine THEN it shares the engine’s modules and keeps its own import.meta.url', async () => {
    const entry = await engineEntry();
    const file = join(dir, 'book.ts');
    writeFileSync(
      file,
      [
        `import { OrchestrateError } from ${JSON.stringify(join(SRC, 'errors.ts'))};`,
        `const n: number = 1;`,
        `export const here = import.meta.url;`,
        `export default new OrchestrateError('PLAYBOOK_INVALID', 'made in a user module ' + n);`,
      ].join('\n'),
    );
    const mod = (await importModule(file)) as { default: Error; here: string };
    const engineDir = dirname(dirname(dirname(fileURLToPath(entry))));
    const errors = (await import(pathToFileURL(join(engineDir, 'src/errors.js')).href)) as {
      OrchestrateError: new (...a: never[]) => Error;
    };
    expect(mod.default).to.be.instanceOf(errors.OrchestrateError);
    expect(mod.here).to.equal(pathToFileURL(file).href);
    // A changed module is bundled again, not served stale.
    writeFileSync(file, `export default 'second version, longer than the first';\n`);
    expect(((await importModule(file)) as { default: string }).default).to.equal(
      'second version, longer than the first',
    );
  });

  it('GIVEN the compiled engine loading a playbook THEN the playbook keeps its own import.meta.url (the engine’s loader is compiled too)', async () => {
    const entry = await engineEntry();
    const engineDir = dirname(dirname(dirname(fileURLToPath(entry))));
    const { loadPlaybook } = (await import(pathToFileURL(join(engineDir, 'src/cli/load-playbook.js')).href)) as {
      loadPlaybook: (p: string) => Promise<{ name: string; here: string }>;
    };
    const file = join(dir, 'book.ts');
    writeFileSync(file, `export default { name: 'b', plays: [], here: new URL('./files/x', import.meta.url).href };\n`);
    expect((await loadPlaybook(file)).here).to.equal(pathToFileURL(join(dir, 'files/x')).href);
  });

  it('GIVEN the engine not compiled in this process THEN a plain import() (the tsx loader)', async () => {
    const file = join(dir, 'plain.ts');
    writeFileSync(file, `export const here: string = import.meta.url;\n`);
    expect(((await importModule(file)) as { here: string }).here).to.equal(pathToFileURL(file).href);
  });
});
