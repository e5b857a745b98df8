// Host patterns against a reference set implementation: unions, then intersections, then exclusions, over random inventories.

import { expect } from 'chai';
import fc from 'fast-check';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { Inventory } from '../../../src/inventory/types.ts';
import { fromSpec, fromYaml } from '../../unit/inventory/helpers.ts';
import { tempDir } from '../../support/temp-dir.ts';

const CWD = tempDir('orchestrate-prop-ref-');

interface Model {
  readonly hosts: string[];
  /** group -> direct hosts and children (children only to later groups: no cycles). */
  readonly groups: { name: string; hosts: string[]; children: string[] }[];
}

const models: fc.Arbitrary<Model> = fc
  .record({ hosts: fc.integer({ min: 1, max: 10 }), groups: fc.integer({ min: 1, max: 5 }) })
  .chain(({ hosts, groups }) => {
    const hostNames = Array.from({ length: hosts }, (_, i) => `node-${String(i).padStart(2, '0')}`);
    const group = (i: number) =>
      fc.record({
        name: fc.constant(`grp${i}`),
        hosts: fc.subarray(hostNames),
        children: fc.subarray(Array.from({ length: groups - i - 1 }, (_, j) => `grp${i + j + 1}`)),
      });
    return fc
      .tuple(...Array.from({ length: groups }, (_, i) => group(i)))
      .map((gs) => ({ hosts: hostNames, groups: gs }));
  });

function build(m: Model): Inventory {
  return fromSpec(
    {
      hosts: Object.fromEntries(m.hosts.map((h) => [h, null])),
      groups: Object.fromEntries(m.groups.map((g) => [g.name, { hosts: g.hosts, children: g.children }])),
    },
    { cwd: CWD },
  );
}

/** Reference: a group's hosts through its children, as a set. */
function members(m: Model, group: string): Set<string> {
  const g = m.groups.find((x) => x.name === group)!;
  return new Set([...g.hosts, ...g.children.flatMap((c) => [...members(m, c)])]);
}

/** Reference fnmatch for `*` and `?` only, by recursion (independent of the regex translation). */
function fnmatch(glob: string, name: string): boolean {
  if (glob === '') return name === '';
  if (glob[0] === '*') return fnmatch(glob.slice(1), name) || (name !== '' && fnmatch(glob, name.slice(1)));
  return name !== '' && (glob[0] === '?' || glob[0] === name[0]) && fnmatch(glob.slice(1), name.slice(1));
}

type Term = { op: '' | '&' | '!'; text: string };

/** What one term selects, by the reference model. */
function refTerm(m: Model, text: string): Set<string> {
  if (text === 'all' || text === '*') return new Set(m.hosts);
  const byName = (matches: (n: string) => boolean) =>
    new Set([
      ...m.hosts.filter(matches),
      ...m.groups.filter((g) => matches(g.name)).flatMap((g) => [...members(m, g.name)]),
      ...(matches('ungrouped') ? m.hosts.filter((h) => m.groups.every((g) => !g.hosts.includes(h))) : []),
    ]);
  if (text.startsWith('~')) {
    const re = new RegExp(`^(?:${text.slice(1)})`);
    return byName((n) => re.test(n));
  }
  if (/[*?]/.test(text)) return byName((n) => fnmatch(text, n));
  return byName((n) => n === text);
}

/** Reference evaluation: unions first, then intersections, then exclusions; only &/! terms start from all. */
function refSelect(m: Model, terms: readonly Term[]): Set<string> {
  const unions = terms.filter((t) => t.op === '');
  let out = unions.length === 0 ? new Set(m.hosts) : new Set(unions.flatMap((t) => [...refTerm(m, t.text)]));
  for (const t of terms.filter((x) => x.op === '&')) {
    const keep = refTerm(m, t.text);
    out = new Set([...out].filter((h) => keep.has(h)));
  }
  for (const t of terms.filter((x) => x.op === '!')) for (const h of refTerm(m, t.text)) out.delete(h);
  return out;
}

/** Terms that name something known: hosts, groups, all, globs and regexes built from known names. */
function knownTerms(m: Model): fc.Arbitrary<Term> {
  const names = [...m.hosts, ...m.groups.map((g) => g.name)];
  const text = fc.oneof(
    fc.constantFrom(...names, 'all', '*'),
    fc.constantFrom(...names).chain((n) => fc.integer({ min: 1, max: n.length }).map((k) => `${n.slice(0, k)}*`)),
    fc
      .constantFrom(...names)
      .chain((n) => fc.integer({ min: 0, max: n.length - 1 }).map((k) => `${n.slice(0, k)}?${n.slice(k + 1)}`)),
    fc.constantFrom(...m.hosts).map((h) => `~${h.slice(0, -1)}[0-9]`),
  );
  return fc.record({ op: fc.constantFrom<Term['op']>('', '&', '!'), text });
}

const cases = models.chain((m) =>
  fc.tuple(fc.constant(m), fc.array(knownTerms(m), { minLength: 1, maxLength: 6 }), fc.constantFrom(':', ',')),
);

describe('inventory/pattern against a reference set implementation (properties)', function () {
  this.timeout(120_000); // hundreds of selections; a loaded machine is slow
  it('GIVEN random inventories and patterns of known terms WHEN selected THEN the reference set, in inventory order', () => {
    fc.assert(
      fc.property(cases, ([m, terms, sep]) => {
        const inv = build(m);
        const pattern = terms.map((t) => `${t.op}${t.text}`).join(sep);
        const got = inv.select(pattern).map((h) => h.name);
        const want = refSelect(m, terms);
        expect(got, pattern).to.deep.equal(m.hosts.filter((h) => want.has(h)));
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN any a, b, c WHEN combined THEN union and intersection distribute as sets do', () => {
    fc.assert(
      fc.property(
        models.chain((m) => fc.tuple(fc.constant(m), knownTerms(m), knownTerms(m), knownTerms(m))),
        ([m, a, b, c]) => {
          const inv = build(m);
          const sel = (p: string) =>
            inv
              .select(p)
              .map((h) => h.name)
              .sort();
          // a & (b | c) == (a & b) | (a & c)
          const left = sel(`${b.text}:${c.text}:&${a.text}`);
          const right = [...new Set([...sel(`${a.text}:&${b.text}`), ...sel(`${a.text}:&${c.text}`)])].sort();
          expect(left).to.deep.equal(right);
          // (a | b) \ c == (a \ c) | (b \ c)
          expect(sel(`${a.text}:${b.text}:!${c.text}`)).to.deep.equal(
            [...new Set([...sel(`${a.text}:!${c.text}`), ...sel(`${b.text}:!${c.text}`)])].sort(),
          );
          // term order does not matter: exclusions apply last
          expect(sel(`!${c.text}:${a.text}`)).to.deep.equal(sel(`${a.text}:!${c.text}`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('GIVEN a host range name-[a:b] (padded, stepped) WHEN loaded from YAML THEN exactly those hosts, in order', () => {
    const ranges = fc
      .record({
        a: fc.integer({ min: 0, max: 40 }),
        len: fc.integer({ min: 0, max: 20 }),
        step: fc.integer({ min: 1, max: 4 }),
        pad: fc.boolean(),
      })
      .map(({ a, len, step, pad }) => ({ a, b: a + len, step, pad }));
    fc.assert(
      fc.property(ranges, ({ a, b, step, pad }) => {
        const width = pad ? String(b).length + 1 : 0;
        const fmt = (n: number) => (pad ? String(n).padStart(width, '0') : String(n));
        const key = `web-[${fmt(a)}:${fmt(b)}${step > 1 ? `:${step}` : ''}]`;
        const inv = fromYaml(`all:\n  children:\n    web:\n      hosts:\n        ${key}:\n`, { cwd: CWD });
        const want: string[] = [];
        for (let n = a; n <= b; n += step) want.push(`web-${fmt(n)}`);
        expect(
          inv.select('web').map((h) => h.name),
          key,
        ).to.deep.equal(want);
        expect(inv.select(`web[0]`).map((h) => h.name)).to.deep.equal([want[0]]);
        expect(inv.select(`web[-1]`).map((h) => h.name)).to.deep.equal([want[want.length - 1]]);
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN patterns with unknown names, bad regexes or bad subscripts WHEN selected THEN PATTERN_INVALID, never another error', () => {
    const junk = fc.oneof(
      fc.constantFrom(
        'nosuch',
        'node-99',
        '~node-(',
        '~[',
        'grp0[99]',
        'grp0[-99]',
        '&',
        '!',
        '@',
        '~',
        '[',
        'node-0[',
        '',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(models, fc.array(junk, { minLength: 1, maxLength: 4 }), (m, parts) => {
        const inv = build(m);
        try {
          inv.select(parts.join(':'));
        } catch (err) {
          if (!isOrchestrateError(err, 'PATTERN_INVALID')) throw err;
          expect(err.message).to.match(/^host pattern /);
          expect(err.fix ?? '').not.to.equal('');
        }
      }),
      { numRuns: 500 },
    );
  });
});
