import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModuleExport, type ModuleKind } from '../../../src/cli/module-command.ts';
import type { OrchestrateError } from '../../../src/errors.ts';

const KIND: ModuleKind<{ checks: unknown[] }> = {
  what: 'doctor module',
  flag: '--checks',
  example: 'defineDoctor({ name, context, checks: [...] })',
  valid: (d): d is { checks: unknown[] } =>
    typeof d === 'object' && d !== null && Array.isArray((d as { checks?: unknown }).checks),
};

describe('src/cli/module-command: what doctor and verify share', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'module-command-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const caught = async (p: Promise<unknown>) =>
    (await p.then(
      () => undefined,
      (e: unknown) => e,
    )) as OrchestrateError;

  it('GIVEN a valid default export THEN it loads', async () => {
    writeFileSync(join(dir, 'ok.mjs'), 'export default { checks: [1, 2] };\n');
    expect(await loadModuleExport(join(dir, 'ok.mjs'), KIND)).to.deep.equal({ checks: [1, 2] });
  });

  it('GIVEN a missing file THEN PLAYBOOK_INVALID naming it and the flag', async () => {
    const err = await caught(loadModuleExport(join(dir, 'none.mjs'), KIND));
    expect(err.code).to.equal('PLAYBOOK_INVALID');
    expect(err.message).to.equal(`doctor module ${join(dir, 'none.mjs')} does not exist`);
    expect(err.fix).to.contain('--checks FILE');
  });

  it('GIVEN a module that throws on import THEN its message, PLAYBOOK_INVALID', async () => {
    writeFileSync(join(dir, 'throws.mjs'), "throw new Error('broken at load');\n");
    const err = await caught(loadModuleExport(join(dir, 'throws.mjs'), KIND));
    expect(err.code).to.equal('PLAYBOOK_INVALID');
    expect(err.message).to.contain('failed to load: broken at load');
  });

  it('GIVEN the wrong shape THEN the fix shows the export to write', async () => {
    writeFileSync(join(dir, 'shape.mjs'), 'export default { nope: 1 };\n');
    const err = await caught(loadModuleExport(join(dir, 'shape.mjs'), KIND));
    expect(err.message).to.equal(`${join(dir, 'shape.mjs')} has no default export made by defineDoctor()`);
    expect(err.fix).to.equal('end the file with: export default defineDoctor({ name, context, checks: [...] })');
  });
});
