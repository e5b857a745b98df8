import { expect } from 'chai';
import { firstLine, SECTION_NAMES, OPTIONAL_SECTIONS, splitSections } from '../../../src/facts/sections.ts';
import { FIXTURES, fixture, type FixtureName } from './fixtures.ts';

describe('facts/sections', () => {
  describe('splitSections', () => {
    const cases: { name: string; output: string; want: Record<string, string> }[] = [
      {
        name: 'drops the newline the next marker brings',
        output: '\n@@facts a\none\n\n@@facts b\ntwo\n',
        want: { a: 'one', b: 'two' },
      },
      {
        name: 'keeps a body that lacked its final newline',
        output: '\n@@facts a\none\n@@facts b\n',
        want: { a: 'one', b: '' },
      },
      { name: 'ignores a banner before the first marker', output: 'Welcome!\n\n@@facts a\nx\n', want: { a: 'x' } },
      { name: 'keeps the first of a repeated section', output: '@@facts a\n1\n@@facts a\n2\n', want: { a: '1' } },
      { name: 'reads CRLF output', output: '\r\n@@facts a\r\nx\r\n', want: { a: 'x' } },
      {
        name: 'treats a look-alike line inside a body as text',
        output: '@@facts a\n@@facts  spaced\n@@factsx\n',
        want: { a: '@@facts  spaced\n@@factsx' },
      },
      { name: 'keeps multi-line bodies', output: '@@facts a\nl1\nl2\n\n@@facts end\n', want: { a: 'l1\nl2', end: '' } },
    ];
    for (const c of cases) {
      it(c.name, () => {
        // GIVEN gather output  WHEN split  THEN the bodies by name
        expect(Object.fromEntries(splitSections(c.output))).to.deep.equal(c.want);
      });
    }
  });

  describe('every fixture', () => {
    for (const name of Object.keys(FIXTURES) as FixtureName[]) {
      it(`${name}: has every section in script order, one ip form each`, () => {
        // GIVEN a fixture  WHEN split  THEN its names are SECTION_NAMES minus the unused ip forms
        const names = [...splitSections(fixture(name)).keys()];
        const expected = SECTION_NAMES.filter(
          (s) => (!s.startsWith('ip-') && !OPTIONAL_SECTIONS.includes(s)) || names.includes(s),
        );
        expect(names).to.deep.equal(expected);
        expect(names.filter((s) => s.startsWith('ip-addr-'))).to.have.length(1);
        expect(names.filter((s) => s.startsWith('ip-route-'))).to.have.length(1);
      });
    }
  });

  describe('firstLine', () => {
    const cases: [string | undefined, string][] = [
      [undefined, ''],
      ['', ''],
      ['\n  \n  vm  \nother', 'vm'],
    ];
    for (const [input, want] of cases) {
      it(`${JSON.stringify(input)} -> ${JSON.stringify(want)}`, () => expect(firstLine(input)).to.equal(want));
    }
  });
});
