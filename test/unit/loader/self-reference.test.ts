// Roles, playbooks and kubernetes/ import the engine by the package's own name ('orchestrate',
// 'orchestrate/module-kit', 'orchestrate/testing'): tsc, tsx and the compiled engine's bundler must all
// resolve it to the engine's own modules, so there is one OrchestrateError class, one secret registry.

import { expect } from 'chai';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { OrchestrateError, isOrchestrateError } from '../../../src/errors.ts';
import { PlanConflict } from '../../../src/modules/lib/steps.ts';
import * as fixture from '../../fixtures/self-reference/entry-points.ts';

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

describe('the package imports itself by name (orchestrate, orchestrate/module-kit, orchestrate/testing)', () => {
  it('GIVEN tsc with the project’s options THEN each entry point resolves to its file in src/, deep paths do not', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    )!;
    const from = join(ROOT, 'roles/etcd/index.ts');
    const resolved = (name: string) =>
      ts.resolveModuleName(name, from, config.options, ts.sys).resolvedModule?.resolvedFileName;
    expect(resolved('orchestrate')).to.equal(join(ROOT, 'src/index.ts'));
    expect(resolved('orchestrate/module-kit')).to.equal(join(ROOT, 'src/module-kit.ts'));
    expect(resolved('orchestrate/testing')).to.equal(join(ROOT, 'src/testing.ts'));
    expect(resolved('orchestrate/src/errors.ts')).to.equal(undefined);
  });

  it('GIVEN tsx as mocha loads tests THEN the name and the deep path give the test’s own classes', () => {
    expect(fixture.OrchestrateError).to.equal(OrchestrateError);
    expect(fixture.DeepError).to.equal(OrchestrateError);
    expect(fixture.PlanConflict).to.equal(PlanConflict);
    expect(fixture.DeepConflict).to.equal(PlanConflict);
    expect(isOrchestrateError(fixture.madeHere)).to.equal(true);
  });

  it('GIVEN tsx’s ESM loader (ORCHESTRATE_TSX=1 loading a playbook) THEN the name and the deep path agree too', async () => {
    const f = (await import(pathToFileURL(FIXTURE).href)) as Fixture;
    const errors = (await import(pathToFileURL(join(ROOT, 'src/errors.ts')).href)) as {
      OrchestrateError: unknown;
      isOrchestrateError: (e: unknown) => boolean;
    };
    expect(f.OrchestrateError).to.equal(errors.OrchestrateError);
    expect(f.DeepError).to.equal(errors.OrchestrateError);
    expect(f.PlanConflict).to.equal(f.DeepConflict);
    expect(errors.isOrchestrateError(f.madeHere)).to.equal(true);
  });
});
