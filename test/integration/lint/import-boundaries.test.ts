// The lint rule that keeps one public API and a generic engine (eslint.config.js): a deep import planted in a
// temp file of roles/ (or kubernetes/) and an import of kubernetes/ planted in src/ each fail `eslint`, while
// the same code through 'orchestrate' passes. madge's graph of src/ has no edge out of src/.

import { expect } from 'chai';
import { ESLint } from 'eslint';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROBE = `zz-lint-probe-${process.pid}`;

/** madge's API (it ships no types): a dependency graph, file -> the files it imports, relative to the base dir. */
const madge = createRequire(import.meta.url)('madge') as (
  path: string,
  config: { fileExtensions: string[]; tsConfig: string },
) => Promise<{ obj(): Record<string, string[]> }>;

interface Planted {
  readonly path: string;
  readonly text: string;
}

/** Writes the files, lints them with the project's config, removes them; the rule ids and messages by file. */
async function lintPlanted(files: readonly Planted[]): Promise<Map<string, string[]>> {
  const made: string[] = [];
  try {
    for (const f of files) {
      const abs = join(ROOT, f.path);
      mkdirSync(join(abs, '..'), { recursive: true });
      writeFileSync(abs, f.text);
      made.push(abs);
    }
    const results = await new ESLint({ cwd: ROOT }).lintFiles(made);
    return new Map(
      results.map((r) => [r.filePath.slice(ROOT.length), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]),
    );
  } finally {
    for (const f of files)
      rmSync(join(ROOT, f.path.split('/').slice(0, 2).join('/')), { recursive: true, force: true });
  }
}

describe('lint: imports across the engine’s boundary', function () {
  this.timeout(120_000);

  it('GIVEN deep imports of src/ planted in roles/ and kubernetes/ THEN eslint fails on each; through orchestrate it passes', async () => {
    const deep = `import { OrchestrateError } from '../../src/errors.ts';\nexport const e = OrchestrateError;\n`;
    const reexport = `export { defineRole } from '../../src/executor/define.ts';\n`;
    const dynamic = `export const load = () => import('../../src/errors.ts');\n`;
    const viaApi = `import { OrchestrateError } from 'orchestrate';\nimport { PlanConflict } from 'orchestrate/module-kit';\nexport const e = [OrchestrateError, PlanConflict];\n`;
    const out = await lintPlanted([
      { path: `roles/${PROBE}/index.ts`, text: deep },
      { path: `kubernetes/${PROBE}/reexport.ts`, text: reexport },
      { path: `kubernetes/${PROBE}-dyn/index.ts`, text: dynamic },
      { path: `playbooks/${PROBE}/ok.ts`, text: viaApi },
    ]);
    const restricted = (file: string) =>
      (out.get(file) ?? []).filter(
        (m) => m.startsWith('no-restricted-imports') || m.startsWith('no-restricted-syntax'),
      );
    expect(restricted(`roles/${PROBE}/index.ts`)).to.have.length(1);
    expect(restricted(`roles/${PROBE}/index.ts`)[0]).to.contain("through 'orchestrate', 'orchestrate/module-kit'");
    expect(restricted(`kubernetes/${PROBE}/reexport.ts`)).to.have.length(1);
    expect(restricted(`kubernetes/${PROBE}-dyn/index.ts`)).to.have.length(1);
    expect(out.get(`playbooks/${PROBE}/ok.ts`)).to.deep.equal([]);
  });

  it('GIVEN an import of kubernetes/ or of the package itself planted in src/ THEN eslint fails; src/ importing src/ passes', async () => {
    const out = await lintPlanted([
      {
        path: `src/${PROBE}/outside.ts`,
        text: `import { buildClusterModel } from '../../kubernetes/cluster/index.ts';\nexport const k = buildClusterModel;\n`,
      },
      {
        path: `src/${PROBE}-self/index.ts`,
        text: `import { OrchestrateError } from 'orchestrate';\nexport const e = OrchestrateError;\n`,
      },
      {
        path: `src/${PROBE}-ok/index.ts`,
        text: `import { OrchestrateError } from '../errors.ts';\nimport { file } from '../modules/index.ts';\nexport const e = [OrchestrateError, file];\n`,
      },
    ]);
    const restricted = (file: string) => (out.get(file) ?? []).filter((m) => m.startsWith('no-restricted-imports'));
    expect(restricted(`src/${PROBE}/outside.ts`)).to.have.length(1);
    expect(restricted(`src/${PROBE}/outside.ts`)[0]).to.contain('src/ is the generic engine');
    expect(restricted(`src/${PROBE}-self/index.ts`)).to.have.length(1);
    expect(out.get(`src/${PROBE}-ok/index.ts`)).to.deep.equal([]);
  });

  it('GIVEN madge’s graph of src/ THEN no module of src/ depends on a file outside it', async () => {
    const graph = (
      await madge(join(ROOT, 'src'), {
        fileExtensions: ['ts', 'js'],
        tsConfig: join(ROOT, 'tsconfig.json'),
      })
    ).obj();
    const outside = Object.entries(graph).flatMap(([from, deps]) =>
      deps.filter((d) => d.startsWith('../')).map((d) => `${from} -> ${d}`),
    );
    expect(outside).to.deep.equal([]);
    expect(Object.keys(graph)).to.include('index.ts');
  });
});
