import { expect } from 'chai';
import fc from 'fast-check';
import { parseExtraVars } from '../../../src/inventory/extra-vars.ts';

describe('inventory/extra-vars (properties)', () => {
  it('GIVEN any key and text WHEN written as key="text" (quotes and backslashes escaped) THEN parsed back exactly', () => {
    const keys = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((k) => k !== 'other');
    fc.assert(
      fc.property(keys, fc.string(), (key, text) => {
        const quoted = `"${text.replace(/[\\"]/g, '\\$&')}"`;
        expect(parseExtraVars([`${key}=${quoted} other=1`])).to.deep.equal({ [key]: text, other: '1' });
      }),
    );
  });
});
