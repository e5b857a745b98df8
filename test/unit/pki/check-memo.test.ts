import { expect } from 'chai';
import { memoKey } from '../../../src/pki/check-memo.ts';

describe('pki check memo (keys)', () => {
  it('GIVEN inputs split differently WHEN keyed THEN the keys differ', () => {
    expect(memoKey('k', 'ab', 'c')).not.to.equal(memoKey('k', 'a', 'bc'));
    expect(memoKey('a', 'x')).not.to.equal(memoKey('b', 'x'));
  });
});
