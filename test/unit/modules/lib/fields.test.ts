import { expect } from 'chai';
import { parseFields } from '../../../../src/modules/lib/fields.ts';
import { isOrchestrateError } from '../../../../src/errors.ts';

describe('modules/lib/fields', () => {
  it('GIVEN key=value lines WHEN parsed THEN values keep everything after the first =, repeats are kept in order', () => {
    const f = parseFields('t', 'a=1\r\n\nb=x=y\npkg=one\npkg=two\nrt.10.0.0.0/8=10.0.0.0/8 via 1.2.3.4\n');
    expect(f.get('a')).to.equal('1');
    expect(f.get('b')).to.equal('x=y');
    expect(f.all('pkg')).to.deep.equal(['one', 'two']);
    expect(f.get('pkg')).to.equal('two');
    expect(f.withPrefix('rt.')).to.deep.equal(new Map([['10.0.0.0/8', '10.0.0.0/8 via 1.2.3.4']]));
    expect(f.get('missing')).to.equal(undefined);
  });

  for (const [what, out] of [
    ['a line without =', 'a=1\nhello\n'],
    ['a line starting with =', '=1\n'],
  ] as const)
    it(`GIVEN ${what} WHEN parsed THEN PROBE_INVALID naming the module`, () => {
      expect(() => parseFields('mod.x', out))
        .to.throw(/mod\.x probe output/)
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
    });

  it('GIVEN a required key that is missing WHEN read THEN PROBE_INVALID', () => {
    expect(() => parseFields('t', 'a=1\n').need('b')).to.throw(/missing "b="/);
  });
});
