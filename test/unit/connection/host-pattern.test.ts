import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { lookupName, matchHashed, matchHostField, matchWildcard } from '../../../src/connection/host-pattern.ts';

describe('connection/host-pattern', () => {
  it('names hosts as known_hosts does', () => {
    expect(lookupName('h', 22)).to.equal('h');
    expect(lookupName('h', 2222)).to.equal('[h]:2222');
  });

  const cases: [string, string, boolean][] = [
    ['web1', 'web1', true],
    ['web1', 'web*', true],
    ['web12', 'web?', false],
    ['web1', 'w?b1', true],
    ['a.b.c', '*.c', true],
    ['c', '*.c', false],
    ['anything', '*', true],
    ['WEB1', 'web1', true],
    ['aaab', '*a*b', true],
    ['abc', 'a*c*', true],
    ['abd', 'a*c', false],
    ['', '*', true],
  ];
  for (const [name, pattern, want] of cases) {
    it(`matchWildcard(${JSON.stringify(name)}, ${JSON.stringify(pattern)}) = ${want}`, () => {
      expect(matchWildcard(name, pattern)).to.equal(want);
    });
  }

  it('GIVEN a list with a negation THEN the negation wins over any positive pattern', () => {
    expect(matchHostField('db1', 'db*,!db1')).to.equal(false);
    expect(matchHostField('db2', 'db*,!db1')).to.equal(true);
    expect(matchHostField('db1', '!db1')).to.equal(false);
    expect(matchHostField('x', '!db1')).to.equal(false);
  });

  it('matches a hashed field by HMAC-SHA1 of the lower-cased name', () => {
    const salt = Buffer.from('0123456789abcdefghij');
    const hash = createHmac('sha1', salt).update('[h.example]:2222').digest('base64');
    const field = `|1|${salt.toString('base64')}|${hash}`;
    expect(matchHashed('[h.example]:2222', field)).to.equal(true);
    expect(matchHashed('[H.EXAMPLE]:2222', field)).to.equal(true);
    expect(matchHashed('h.example', field)).to.equal(false);
    expect(matchHostField('[h.example]:2222', field)).to.equal(true);
  });

  it('rejects malformed hashed fields', () => {
    expect(matchHashed('h', '|2|abc|def')).to.equal(false);
    expect(matchHashed('h', '|1||')).to.equal(false);
  });
});
