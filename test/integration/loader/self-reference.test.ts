// Roles, playbooks and kubernetes/ import the engine by the package's own name ('orchestrate',
// 'orchestrate/module-kit', 'orchestrate/testing'): tsc, tsx and the compiled engine's bundler must all
// resolve it to the engine's own modules, so there is one OrchestrateError class, one secret registry.

import { expect } from 'chai';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OrchestrateError } from '../../../src/errors.ts';
import { engineEntry, importModule } from '../../../src/loader/compile-cache.js';

const ENGINE_KEY = Symbol.for('orchestrate.engine');
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/self-reference/entry-points.ts');

interface Fixture {
  OrchestrateError: unknown;
  DeepError: unknown;
  PlanConflict: unknown;
  DeepConflict: unknown;
  defineRole: unknown;
  roleTasks: unknown;
  madeHere: Error;
}

describe('the package imports itself by name: the compiled engine', function () {
  this.timeout(60_000);
  afterEach(() => delete (globalThis as Record<symbol, unknown>)[ENGINE_KEY]);

  it('GIVEN the compiled engine THEN a bundled module’s imports by name are the engine’s own modules', async () => {
    const entry = await engineEntry();
    const engineDir = dirname(dirname(dirname(fileURLToPath(entry))));
    const f = (await importModule(FIXTURE)) as Fixture;
    const engine = async <T>(file: string) => (await import(pathToFileURL(join(engineDir, file)).href)) as T;
    const errors = await engine<{ OrchestrateError: unknown; isOrchestrateError: (e: unknown) => boolean }>(
      'src/errors.js',
    );
    const kit = await engine<{ PlanConflict: unknown }>('src/module-kit.js');
    const index = await engine<{ defineRole: unknown }>('src/index.js');
    const testing = await engine<{ roleTasks: unknown }>('src/testing.js');
    expect(f.OrchestrateError).to.equal(errors.OrchestrateError);
    expect(f.DeepError).to.equal(errors.OrchestrateError);
    expect(f.PlanConflict).to.equal(kit.PlanConflict);
    expect(f.DeepConflict).to.equal(kit.PlanConflict);
    expect(f.defineRole).to.equal(index.defineRole);
    expect(f.roleTasks).to.equal(testing.roleTasks);
    expect(errors.isOrchestrateError(f.madeHere)).to.equal(true);
    // Not the tsx instances: the bundle really points at the compiled engine.
    expect(f.OrchestrateError).to.not.equal(OrchestrateError);
  });
});
