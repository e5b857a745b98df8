import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { loadInventory } from '../../../src/inventory/load.ts';
import { caughtAsync, FIXED } from './helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DEFINE = pathToFileURL(join(ROOT, 'src/inventory/define.ts')).href;

describe('inventory/load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orchestrate-load-'));
  const files: Record<string, string> = {
    'plain.yaml': 'all:\n  hosts:\n    h1: {ansible_port: 2200}\n',
    'typed.ts': `import { defineInventory } from '${DEFINE}';\nexport default defineInventory({ hosts: { h1: { port: 2200 } } });\n`,
    'plain.mjs': 'export default { hosts: { h1: { port: 2200 } } };\n',
    'nodefault.mjs': 'export const x = 1;\n',
    'throws.mjs': "throw new Error('boom at import');\n",
    'notobject.mjs': 'export default 42;\n',
    'badshape.mjs': 'export default { groups: { web: { hosts: 3 } } };\n',
    'inventory.ini': '[web]\nh1\n',
    'bad.yaml': 'all:\n  hosts:\n    h1:\n  children: [oops\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'adir.yaml'));

  describe('GIVEN an inventory file of each supported kind', () => {
    for (const file of ['plain.yaml', 'typed.ts', 'plain.mjs'])
      it(`WHEN ${file} is loaded THEN it has host h1 on port 2200`, async () => {
        const inv = await loadInventory(file, { ...FIXED, cwd: dir });
        expect(inv.hosts.get('h1')).to.deep.include({ port: 2200, user: 'me', address: 'h1' });
        expect(inv.source).to.equal(join(dir, file));
      });
  });

  describe('GIVEN a file that is not a valid inventory', () => {
    const cases: [string, RegExp, RegExp][] = [
      ['missing.yaml', /^missing\.yaml: inventory file not found/, /-i/],
      ['adir.yaml', /^adir\.yaml: is not a file/, /-i/],
      ['inventory.ini', /^inventory\.ini: unsupported inventory file type "\.ini"/, /\.yaml/],
      ['bad.yaml', /^bad\.yaml: line \d+:\d+: YAML syntax error/, /fix the YAML/],
      [
        'nodefault.mjs',
        /^nodefault\.mjs: default export: the module has no default export/,
        /export default defineInventory/,
      ],
      ['throws.mjs', /^throws\.mjs: import: the module failed to load: boom at import/, /fix the error/],
      ['notobject.mjs', /^notobject\.mjs: default export: expected an inventory object, got 42/, /defineInventory/],
      ['badshape.mjs', /^badshape\.mjs: groups\.web\.hosts: /, /defineInventory/],
    ];
    for (const [file, message, fix] of cases)
      it(`WHEN ${file} is loaded THEN INVENTORY_INVALID: ${message.source}`, async () => {
        const err = await caughtAsync(() => loadInventory(file, { ...FIXED, cwd: dir }));
        expect(err.code).to.equal('INVENTORY_INVALID');
        expect(err.message).to.match(message);
        expect(err.fix).to.match(fix);
      });
  });

  describe('GIVEN the example inventories', () => {
    it('WHEN both are loaded THEN the YAML and the TS one describe the same hosts, groups and vars', async () => {
      const yaml = await loadInventory('inventory/example.yaml', { ...FIXED, cwd: ROOT });
      const ts = await loadInventory('inventory/example.ts', { ...FIXED, cwd: ROOT });
      const view = (inv: typeof yaml) => ({
        hosts: [...inv.hosts.values()].map((h) => ({ ...h, vars: sortKeys(h.vars) })),
        groups: [...inv.groups.values()].map((g) => ({ ...g, vars: sortKeys(g.vars) })),
      });
      expect(view(ts)).to.deep.equal(view(yaml));
      expect(yaml.hosts.get('db-1')).to.deep.include({
        address: '10.0.1.21',
        port: 2222,
        user: 'admin',
        become: true,
        jump: 'admin@bastion.example.com',
      });
      expect(yaml.hosts.get('db-1')!.vars['postgres_max_connections']).to.equal(200);
      expect(yaml.hosts.get('web-2')!.vars['http_port']).to.equal(8080);
    });
  });
});

function sortKeys(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
