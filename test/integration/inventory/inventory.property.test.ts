// The inventory parsers as properties: generated inventories read the same from YAML and TS, and broken ones fail typed.

import { expect } from 'chai';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { Inventory } from '../../../src/inventory/types.ts';
import { fromSpec, fromYaml } from '../../unit/inventory/helpers.ts';

interface Model {
  readonly hosts: { name: string; vars: Record<string, number | string> }[];
  readonly groups: { name: string; hosts: string[]; children: string[]; vars: Record<string, number | string> }[];
  readonly allVars: Record<string, number | string>;
}

const varMap = fc.dictionary(
  fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
  fc.oneof(fc.integer(), fc.string({ maxLength: 6 })),
  {
    maxKeys: 3,
  },
);

const models: fc.Arbitrary<Model> = fc
  .record({ hosts: fc.integer({ min: 1, max: 8 }), groups: fc.integer({ min: 0, max: 4 }) })
  .chain(({ hosts, groups }) => {
    const names = Array.from({ length: hosts }, (_, i) => `host-${i}`);
    const group = (i: number) =>
      fc.record({
        name: fc.constant(`group_${i}`),
        hosts: fc.subarray(names),
        children: fc.subarray(Array.from({ length: groups - i - 1 }, (_, j) => `group_${i + j + 1}`)),
        vars: varMap,
      });
    return fc.record({
      hosts: fc.tuple(...names.map((name) => varMap.map((vars) => ({ name, vars })))),
      groups: fc.tuple(...Array.from({ length: groups }, (_, i) => group(i))),
      allVars: varMap,
    });
  });

/** Ansible YAML: every host defined (with its vars) under all.hosts, groups list members by name only. */
function toYaml(m: Model): string {
  const group = (g: Model['groups'][number]): Record<string, unknown> => ({
    ...(g.hosts.length ? { hosts: Object.fromEntries(g.hosts.map((h) => [h, null])) } : {}),
    ...(Object.keys(g.vars).length ? { vars: g.vars } : {}),
  });
  const children: Record<string, unknown> = Object.fromEntries(m.groups.map((g) => [g.name, group(g)]));
  for (const g of m.groups)
    if (g.children.length)
      (children[g.name] as Record<string, unknown>)['children'] = Object.fromEntries(g.children.map((c) => [c, null]));
  return stringify({
    all: {
      vars: { ...m.allVars, orchestrate_known_hosts: 'kh' },
      hosts: Object.fromEntries(m.hosts.map((h) => [h.name, Object.keys(h.vars).length ? h.vars : null])),
      ...(m.groups.length ? { children } : {}),
    },
  });
}

/** The same inventory as a TS spec object. */
function toSpec(m: Model): unknown {
  return {
    vars: m.allVars,
    knownHosts: 'kh',
    hosts: Object.fromEntries(m.hosts.map((h) => [h.name, Object.keys(h.vars).length ? { vars: h.vars } : null])),
    groups: Object.fromEntries(m.groups.map((g) => [g.name, { hosts: g.hosts, children: g.children, vars: g.vars }])),
  };
}

/** What can be compared: each host's groups (as a set), merged vars, and each group's selection. */
function view(inv: Inventory) {
  return {
    hosts: [...inv.hosts.values()].map((h) => ({
      name: h.name,
      groups: [...h.groups].sort(),
      vars: h.vars,
      address: h.address,
    })),
    groups: [...inv.groups.keys()].sort().map((g) => [g, inv.select(g).map((h) => h.name)]),
    knownHosts: inv.knownHostsFile,
  };
}

/** Reference membership: a group's hosts through its children. */
function members(m: Model, name: string): Set<string> {
  const g = m.groups.find((x) => x.name === name)!;
  return new Set([...g.hosts, ...g.children.flatMap((c) => [...members(m, c)])]);
}

describe('inventory parsers (properties)', function () {
  this.timeout(120_000); // hundreds of parses; a loaded machine is slow
  it('GIVEN a generated inventory WHEN read as YAML and as a TS spec THEN the same model, and groups select their members', () => {
    fc.assert(
      fc.property(models, (m) => {
        const yaml = fromYaml(toYaml(m));
        const ts = fromSpec(toSpec(m));
        expect(view(yaml)).to.deep.equal(view(ts));
        expect([...yaml.hosts.keys()]).to.deep.equal(m.hosts.map((h) => h.name));
        for (const g of m.groups) {
          const want = members(m, g.name);
          expect(yaml.select(g.name).map((h) => h.name)).to.deep.equal(
            m.hosts.map((h) => h.name).filter((h) => want.has(h)),
          );
        }
        for (const h of m.hosts) expect(yaml.hosts.get(h.name)!.vars).to.deep.include(h.vars); // host vars win
      }),
      { numRuns: 100 },
    );
  });

  it('GIVEN a generated YAML inventory WHEN randomly mutated THEN it parses or fails with INVENTORY_INVALID, never anything else', () => {
    const edits = fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('insert', 'delete', 'replace'),
        text: fc.constantFrom(
          ':',
          ' ',
          '\n',
          '-',
          '[',
          ']',
          '{',
          '}',
          '"',
          "'",
          '&a',
          '*a',
          '!!str ',
          '#',
          '0:1',
          'x',
          '  ',
          '\t',
          '@',
          '~',
        ),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(models, edits, (m, es) => {
        let text = toYaml(m);
        for (const e of es) {
          const i = e.at % (text.length + 1);
          if (e.kind === 'insert') text = text.slice(0, i) + e.text + text.slice(i);
          else if (e.kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
          else text = text.slice(0, i) + e.text + text.slice(i + e.text.length);
        }
        try {
          const inv = fromYaml(text);
          expect(inv.hosts.size).to.be.at.least(0);
        } catch (err) {
          if (!isOrchestrateError(err, 'INVENTORY_INVALID')) throw err;
          expect(err.message).to.match(/^inv\/test\.yaml/);
          expect(err.fix ?? '').not.to.equal('');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('GIVEN a generated TS spec WHEN a random part is replaced by any value THEN it builds or fails with INVENTORY_INVALID', () => {
    const anyValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), [null]),
    );
    fc.assert(
      fc.property(models, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), anyValue, (m, path, value) => {
        const spec = toSpec(m) as Record<string, unknown>;
        let node: Record<string, unknown> = spec;
        for (let depth = 0; depth < path.length; depth++) {
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const key = keys[path[depth]! % keys.length]!;
          const next = node[key];
          if (depth === path.length - 1 || next === null || typeof next !== 'object') {
            node[key] = value;
            break;
          }
          node = next as Record<string, unknown>;
        }
        try {
          fromSpec(spec);
        } catch (err) {
          if (!isOrchestrateError(err, 'INVENTORY_INVALID')) throw err;
          expect(err.message).to.match(/^inv\/test\.ts/);
        }
      }),
      { numRuns: 400 },
    );
  });
});
