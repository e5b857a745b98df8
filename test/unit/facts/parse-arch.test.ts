import { expect } from 'chai';
import { normalizeArch } from '../../../src/facts/parse-arch.ts';
import { section, type FixtureName } from './fixtures.ts';

describe('facts/parse-arch', () => {
  const cases: [string, string][] = [
    ['amd64', 'amd64'],
    ['arm64\n', 'arm64'],
    ['x86_64', 'amd64'],
    ['aarch64', 'arm64'],
    ['armv7l', 'armhf'],
    ['i686', 'i386'],
    ['ppc64le', 'ppc64el'],
    ['mips64', 'mips64'],
  ];
  for (const [raw, want] of cases) {
    it(`${JSON.stringify(raw)} -> ${want}`, () => expect(normalizeArch(raw)).to.equal(want));
  }

  const fixtures: [FixtureName, string][] = [
    ['vm', 'amd64'],
    ['chroot', 'amd64'],
    ['ubuntu2004', 'amd64'],
    ['debian12Plain', 'arm64'],
  ];
  for (const [name, want] of fixtures) {
    it(`${name}: ${want}`, () => expect(normalizeArch(section(name, 'arch'))).to.equal(want));
  }
});
