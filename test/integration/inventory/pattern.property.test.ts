import { expect } from 'chai';
import fc from 'fast-check';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { InventorySpec } from '../../../src/inventory/define.ts';
import { selectHosts } from '../../../src/inventory/pattern.ts';
import type { Inventory } from '../../../src/inventory/types.ts';
import { fromSpec, fromYaml, PATTERN_INVENTORY } from '../../unit/inventory/helpers.ts';
import { tempDir } from '../../support/temp-dir.ts';

const CWD = tempDir('orchestrate-prop-');

/** Random inventories: hosts h0..hN, groups g0..gM, children only to later groups (no cycles). */
const inventories: fc.Arbitrary<Inventory> = fc
  .record({ hosts: fc.integer({ min: 1, max: 8 }), groups: fc.integer({ min: 1, max: 5 }) })
  .chain(({ hosts, groups }) => {
    const hostNames = Array.from({ length: hosts }, (_, i) => `h${i}`);
    const groupSpec = (i: number) =>
      fc.record({
        hosts: fc.subarray(hostNames),
        children: fc.subarray(Array.from({ length: groups - i - 1 }, (_, j) => `g${i + j + 1}`)),
      });
    return fc.tuple(...Array.from({ length: groups }, (_, i) => groupSpec(i))).map((specs) => {
      const spec: InventorySpec = {
        hosts: Object.fromEntries(hostNames.map((h) => [h, null])),
        groups: Object.fromEntries(specs.map((g, i) => [`g${i}`, g])),
      };
      return fromSpec(spec, { cwd: CWD });
    });
  });

/** An inventory with a name term (host, group, all or a glob) that is known to it. */
const withTerms = inventories.chain((inv) => {
  const known = [...inv.hosts.keys(), ...inv.groups.keys(), 'all', '*', 'h*', 'g?'];
  return fc.tuple(fc.constant(inv), fc.constantFrom(...known), fc.constantFrom(...known));
});

const set = (inv: Inventory, p: string) => new Set(selectHosts(inv, p, CWD).map((h) => h.name));
const list = (s: Set<string>) => [...s].sort();

describe('inventory/pattern (properties)', () => {
  it('GIVEN any a, b WHEN a:b and b:a THEN the same hosts', () => {
    fc.assert(
      fc.property(withTerms, ([inv, a, b]) => {
        expect(list(set(inv, `${a}:${b}`))).to.deep.equal(list(set(inv, `${b}:${a}`)));
      }),
    );
  });

  it('GIVEN any a WHEN a:!a THEN nothing', () => {
    fc.assert(
      fc.property(withTerms, ([inv, a]) => {
        expect(set(inv, `${a}:!${a}`).size).to.equal(0);
      }),
    );
  });

  it('GIVEN any a WHEN a:&a THEN exactly a', () => {
    fc.assert(
      fc.property(withTerms, ([inv, a]) => {
        expect(list(set(inv, `${a}:&${a}`))).to.deep.equal(list(set(inv, a)));
      }),
    );
  });

  it('GIVEN any a, b WHEN a:&b and a:!b THEN they split a', () => {
    fc.assert(
      fc.property(withTerms, ([inv, a, b]) => {
        const both = set(inv, `${a}:&${b}`);
        const only = set(inv, `${a}:!${b}`);
        for (const h of both) expect(only.has(h)).to.equal(false);
        expect(list(new Set([...both, ...only]))).to.deep.equal(list(set(inv, a)));
        for (const h of only) expect(set(inv, b).has(h)).to.equal(false);
      }),
    );
  });

  it('GIVEN any inventory WHEN every group is unioned THEN it is within all (and equals it: ungrouped holds the rest)', () => {
    fc.assert(
      fc.property(inventories, (inv) => {
        const groups = [...inv.groups.keys()].filter((g) => g !== 'all');
        const union = set(inv, groups.join(':'));
        const all = set(inv, 'all');
        for (const h of union) expect(all.has(h)).to.equal(true);
        expect(union.size).to.equal(all.size);
      }),
    );
  });

  it('GIVEN any pattern of known terms WHEN selected THEN hosts come once each, in inventory order', () => {
    fc.assert(
      fc.property(withTerms, fc.constantFrom(':', ',', ':&', ':!'), ([inv, a, b], op) => {
        const got = selectHosts(inv, `${a}${op}${b}`, CWD).map((h) => h.name);
        const order = [...inv.hosts.keys()];
        expect(got).to.deep.equal(order.filter((h) => got.includes(h)));
      }),
    );
  });

  it('GIVEN any string WHEN used as a pattern THEN it selects hosts or throws PATTERN_INVALID, nothing else', () => {
    const inv = fromYaml(PATTERN_INVENTORY, { cwd: CWD });
    const tokens = fc.constantFrom(
      ':',
      ',',
      '!',
      '&',
      '@',
      '~',
      '[',
      ']',
      '(',
      ')',
      '*',
      '?',
      ' ',
      'web',
      'db',
      'all',
      '0',
      '-1',
      ':2',
      'web-1',
      '.',
      '\\',
      '#',
    );
    const patterns = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.array(tokens, { maxLength: 12 }).map((t) => t.join('')),
    );
    fc.assert(
      fc.property(patterns, (p) => {
        try {
          const hosts = selectHosts(inv, p, CWD);
          expect(hosts.every((h) => inv.hosts.get(h.name) === h)).to.equal(true);
        } catch (err) {
          if (!isOrchestrateError(err, 'PATTERN_INVALID')) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
