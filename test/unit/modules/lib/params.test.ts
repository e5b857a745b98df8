import { expect } from 'chai';
import { checkPath, normalizeMode, parentDir } from '../../../../src/modules/lib/params.ts';

describe('modules/lib/params', () => {
  const modes: [string | number, string][] = [
    ['644', '0644'],
    ['0600', '0600'],
    [0o755, '0755'],
    ['4755', '4755'],
  ];
  for (const [given, then] of modes)
    it(`GIVEN mode ${String(given)} WHEN normalized THEN ${then}`, () =>
      expect(normalizeMode('t', given)).to.equal(then));

  for (const bad of ['rw-r--r--', '08', '77777', ''])
    it(`GIVEN mode ${JSON.stringify(bad)} WHEN normalized THEN refused`, () =>
      expect(() => normalizeMode('t', bad)).to.throw(/octal/));

  for (const [path, ok] of [
    ['/etc/hosts', true],
    ['/', true],
    ['/etc/.hidden', true],
    ['/etc/..x', true],
    ['etc/hosts', false],
    ['/etc/./hosts', false],
    ['/etc/', false],
    ['/a\nb', false],
  ] as const)
    it(`GIVEN path ${JSON.stringify(path)} WHEN checked THEN ${ok ? 'accepted' : 'refused'}`, () => {
      if (ok) expect(checkPath('t', path)).to.equal(path);
      else expect(() => checkPath('t', path)).to.throw(/absolute and normalized/);
    });

  it('GIVEN paths WHEN their parent is taken THEN / for top-level entries', () => {
    expect([parentDir('/etc/hosts'), parentDir('/x'), parentDir('/a/b/c')]).to.deep.equal(['/etc', '/', '/a/b']);
  });
});
