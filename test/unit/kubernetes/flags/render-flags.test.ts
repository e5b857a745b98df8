import { expect } from 'chai';
import { flagValue, renderFlags, type FlagSet } from '../../../../kubernetes/flags/render-flags.ts';

describe('renderFlags', () => {
  const table: [string, FlagSet, string[]][] = [
    ['a string', { 'bind-address': '0.0.0.0' }, ['--bind-address=0.0.0.0']],
    [
      'true and false',
      { 'allow-privileged': true, 'leader-elect': false },
      ['--allow-privileged=true', '--leader-elect=false'],
    ],
    ['a number', { v: 2 }, ['--v=2']],
    ['a list, in its order', { 'authorization-mode': ['Node', 'RBAC'] }, ['--authorization-mode=Node,RBAC']],
    ['an empty list', { 'disable-admission-plugins': [] }, ['--disable-admission-plugins=']],
    [
      'a map, keys sorted',
      { 'feature-gates': { Zeta: true, Alpha: false } },
      ['--feature-gates=Alpha=false,Zeta=true'],
    ],
    ['a map with a slash', { 'runtime-config': { 'api/all': true } }, ['--runtime-config=api/all=true']],
    ['undefined left out', { a: undefined, b: 'x' }, ['--b=x']],
    ['nothing', {}, []],
    ['names sorted by code point', { v: 2, 'a-b': 1, ab: 1, a: 0 }, ['--a=0', '--a-b=1', '--ab=1', '--v=2']],
  ];
  for (const [what, flags, want] of table)
    it(`GIVEN ${what} WHEN rendered THEN ${JSON.stringify(want)}`, () => {
      expect(renderFlags(flags)).to.deep.equal(want);
    });

  it('GIVEN the same flags in another key order WHEN rendered THEN the words are identical', () => {
    expect(renderFlags({ v: 2, 'bind-address': 'x', 'allow-privileged': true })).to.deep.equal(
      renderFlags({ 'allow-privileged': true, v: 2, 'bind-address': 'x' }),
    );
  });

  const refused: [string, FlagSet, RegExp][] = [
    ['a name with dashes', { '--v': 2 }, /flag ----v: not a flag name/],
    ['an upper-case name', { Foo: 'x' }, /not a flag name/],
    ['a multi-line value', { 'audit-log-path': 'a\nb' }, /must be one line/],
    ['NaN', { v: Number.NaN }, /not a finite number/],
  ];
  for (const [what, flags, error] of refused)
    it(`GIVEN ${what} WHEN rendered THEN PLAYBOOK_INVALID`, () => {
      expect(() => renderFlags(flags))
        .to.throw(error)
        .with.property('code', 'PLAYBOOK_INVALID');
    });

  it('GIVEN a list of numbers WHEN one value is rendered THEN it is joined by commas', () => {
    expect(flagValue('x', [1, 2, 3])).to.equal('1,2,3');
  });
});
