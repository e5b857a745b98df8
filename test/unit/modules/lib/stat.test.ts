import { expect } from 'chai';
import { sameOwner } from '../../../../src/modules/lib/stat.ts';

describe('modules/lib/stat', () => {
  it('GIVEN wanted owners WHEN compared THEN a name or a numeric id matches, undefined always does', () => {
    expect([
      sameOwner('root', 'root', '0'),
      sameOwner('0', 'root', '0'),
      sameOwner(undefined, 'x', '1'),
      sameOwner('etcd', 'root', '0'),
    ]).to.deep.equal([true, true, true, false]);
  });
});
