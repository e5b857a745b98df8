// Extensions are found through package.json and checked before anything uses them.

import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionPaths, loadExtensions, PACKAGE_JSON } from '../../../src/extension/index.ts';
import { shapeProblem } from '../../../src/extension/load.ts';
import { caught, caughtAsync } from '../inventory/helpers.ts';

describe('src/extension: loading what package.json lists', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orch-ext-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const pkg = (value: unknown): string => {
    const p = join(dir, 'package.json');
    writeFileSync(p, JSON.stringify({ name: 'x', ...(value === undefined ? {} : { orchestrate: value }) }));
    return p;
  };

  it('GIVEN this installation THEN its one extension is the Kubernetes one, with lab artifacts, doctor and verify', async () => {
    expect(extensionPaths(PACKAGE_JSON)).to.deep.equal([join(process.cwd(), 'kubernetes/extension.ts')]);
    const [k, ...more] = await loadExtensions();
    expect(more).to.deep.equal([]);
    expect(k!.name).to.equal('kubernetes');
    expect(k!.lab?.commands?.map((c) => c.name)).to.deep.equal(['artifacts']);
    expect(Object.keys(k!.lab?.up?.flags ?? {})).to.deep.equal(['kubernetes', 'no-mirror']);
    expect(k!.doctor?.path).to.equal(join(process.cwd(), 'kubernetes/doctor/index.ts'));
    expect(k!.verify?.path).to.equal(join(process.cwd(), 'kubernetes/verify/index.ts'));
  });

  it('GIVEN no "orchestrate" key THEN no extension', async () => {
    expect(extensionPaths(pkg(undefined))).to.deep.equal([]);
    expect(await loadExtensions(pkg({}))).to.deep.equal([]);
  });

  it('GIVEN a list of paths THEN each resolved from the package.json and loaded in order', async () => {
    mkdirSync(join(dir, 'ext'));
    writeFileSync(join(dir, 'ext', 'a.ts'), `export default { name: 'a' } as const;\n`);
    writeFileSync(join(dir, 'b.mjs'), `export default { name: 'b', lab: { commands: [] } };\n`);
    const p = pkg({ extensions: ['./ext/a.ts', 'b.mjs'] });
    expect(extensionPaths(p)).to.deep.equal([join(dir, 'ext', 'a.ts'), join(dir, 'b.mjs')]);
    expect((await loadExtensions(p)).map((e) => e.name)).to.deep.equal(['a', 'b']);
  });

  it('GIVEN extensions that are not a list of paths THEN PLAYBOOK_INVALID naming the key', () => {
    const err = caught(() => extensionPaths(pkg({ extensions: './one.ts' })));
    expect(err.code).to.equal('PLAYBOOK_INVALID');
    expect(err.message).to.contain('"orchestrate.extensions" must be a list of module paths');
  });

  it('GIVEN a missing, failing or shapeless extension THEN PLAYBOOK_INVALID naming its file', async () => {
    const missing = await caughtAsync(() => loadExtensions(pkg({ extensions: ['./none.ts'] })));
    expect(missing.code).to.equal('PLAYBOOK_INVALID');
    expect(missing.message).to.equal(`extension ${join(dir, 'none.ts')} does not exist`);
    writeFileSync(join(dir, 'throws.mjs'), `throw new Error('broken at load');\n`);
    const throws = await caughtAsync(() => loadExtensions(pkg({ extensions: ['./throws.mjs'] })));
    expect(throws.message).to.contain('failed to load: broken at load');
    writeFileSync(join(dir, 'shapeless.mjs'), `export default 42;\n`);
    const shapeless = await caughtAsync(() => loadExtensions(pkg({ extensions: ['./shapeless.mjs'] })));
    expect(shapeless.message).to.contain('no default export made by defineExtension()');
    expect(shapeless.fix).to.contain('export default defineExtension(');
  });

  const run = async () => 0;
  const bad: [string, unknown, string][] = [
    ['no name', { lab: {} }, 'no default export made by defineExtension()'],
    ['commands not a list', { name: 'x', lab: { commands: {} } }, 'lab.commands must be a list'],
    ['a command without run', { name: 'x', lab: { commands: [{ name: 'go' }] } }, 'lab command go has no run()'],
    ['an upper-case command', { name: 'x', lab: { commands: [{ name: 'Go', run }] } }, 'lower-case name'],
    [
      'a flag of no known type',
      { name: 'x', lab: { commands: [{ name: 'go', run, flags: { n: { type: 'number' } } }] } },
      'flag "n" needs a lower-case name and type',
    ],
    ['up without prepare', { name: 'x', lab: { up: {} } }, 'lab.up needs a prepare() function'],
    ['doctor without a path', { name: 'x', doctor: {} }, 'doctor must name its module'],
  ];
  for (const [what, value, problem] of bad)
    it(`GIVEN ${what} THEN the shape check says so`, () => {
      expect(shapeProblem(value)).to.contain(problem);
    });

  it('GIVEN a full extension THEN the shape check finds nothing', () => {
    const e = {
      name: 'x',
      lab: {
        commands: [{ name: 'go', usage: 'go', help: 'h', run, flags: { fast: { type: 'boolean', help: 'h' } } }],
        up: { prepare: () => undefined, flags: { size: { type: 'string', value: 'N', help: 'h' } } },
      },
      doctor: { path: '/d.ts' },
      verify: { path: '/v.ts', help: 'h' },
    };
    expect(shapeProblem(e)).to.equal(undefined);
  });
});
