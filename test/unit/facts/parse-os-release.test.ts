import { expect } from 'chai';
import { parseOsRelease, parseOsReleaseFields } from '../../../src/facts/parse-os-release.ts';
import { section, type FixtureName } from './fixtures.ts';

describe('facts/parse-os-release', () => {
  const fixtures: [FixtureName, { id: string; versionId: string; prettyName: string }][] = [
    ['vm', { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }],
    ['chroot', { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }],
    ['ubuntu2004', { id: 'ubuntu', versionId: '20.04', prettyName: 'Ubuntu 20.04.6 LTS' }],
    ['ubuntu2204', { id: 'ubuntu', versionId: '22.04', prettyName: 'Ubuntu 22.04.4 LTS' }],
    ['debian12Plain', { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }],
  ];
  for (const [name, want] of fixtures) {
    it(`${name}: reads id, version and pretty name`, () => {
      // GIVEN the os-release section  WHEN parsed  THEN the os fact
      expect(parseOsRelease(section(name, 'os-release'))).to.deep.equal(want);
    });
  }

  const quoting: [string, string, Record<string, string>][] = [
    ['double quotes with escapes', 'A="x \\"y\\" \\$z"', { A: 'x "y" $z' }],
    ['single quotes are literal', "A='x \\n'", { A: 'x \\n' }],
    ['bare values', 'ID=debian', { ID: 'debian' }],
    ['comments and junk skipped', '# c\nnot a pair\nlower=x\nID=arch', { ID: 'arch' }],
  ];
  for (const [title, text, want] of quoting) {
    it(`fields: ${title}`, () => expect(parseOsReleaseFields(text)).to.deep.equal(want));
  }

  it('defaults as os-release(5) says when the file is missing', () => {
    // GIVEN no os-release  WHEN parsed  THEN ID=linux, NAME=Linux
    expect(parseOsRelease('')).to.deep.equal({ id: 'linux', versionId: '', prettyName: 'Linux' });
  });

  it('falls back to NAME when PRETTY_NAME is absent', () => {
    expect(parseOsRelease('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1').prettyName).to.equal('Alpine Linux');
  });
});
