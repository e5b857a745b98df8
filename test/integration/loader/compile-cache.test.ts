import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COMPILE_CACHE_DIR, engineEntry, importModule } from '../../../src/loader/compile-cache.js';

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

  it('GIVEN the engine compiled THEN it bundles no file outside src/ (extensions load at run time, as playbooks)', async () => {
    const entry = await engineEntry();
    const engineDir = dirname(dirname(dirname(fileURLToPath(entry))));
    expect(JSON.parse(readFileSync(join(engineDir, 'inputs.json'), 'utf8'))).to.deep.equal([]);
  });

  it('GIVEN a library of the Kubernetes extension (kubernetes/artifacts/lab-hook.ts) THEN the extension’s bundle is keyed on it', async () => {
    await engineEntry();
    const ext = fileURLToPath(new URL('../../../kubernetes/extension.ts', import.meta.url));
    const lib = fileURLToPath(new URL('../../../kubernetes/artifacts/lab-hook.ts', import.meta.url));
    const mod = (await importModule(ext)) as { default: { name: string } };
    expect(mod.default.name).to.equal('kubernetes');
    const engine = (globalThis as Record<symbol, unknown>)[ENGINE_KEY] as { dir: string };
    const base = createHash('sha256').update(`${engine.dir}\0${ext}`).digest('hex').slice(0, 16);
    const meta = JSON.parse(readFileSync(join(COMPILE_CACHE_DIR, 'modules', `${base}.json`), 'utf8')) as {
      stamps: Record<string, string>;
    };
    expect(Object.keys(meta.stamps)).to.include(lib);
  });

  it('GIVEN a user module’s library edited THEN the module is bundled again with the edit', async () => {
    await engineEntry();
    const file = join(dir, 'ext.ts');
    const lib = join(dir, 'lib.ts');
    writeFileSync(lib, `export const value: string = 'first';\n`);
    writeFileSync(file, `import { value } from './lib.ts';\nexport default value;\n`);
    expect(((await importModule(file)) as { default: string }).default).to.equal('first');
    writeFileSync(lib, `export const value: string = 'second, longer';\n`);
    expect(((await importModule(file)) as { default: string }).default).to.equal('second, longer');
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
