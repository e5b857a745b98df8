import { expect } from 'chai';
import { parseSystemctlVersion } from '../../../src/facts/parse-systemctl-version.ts';
import { section, type FixtureName } from './fixtures.ts';

describe('facts/parse-systemctl-version', () => {
  const fixtures: [FixtureName, number][] = [
    ['vm', 252],
    ['chroot', 252],
    ['ubuntu2004', 245],
    ['ubuntu2204', 249],
    ['debian12Plain', 252],
  ];
  for (const [name, want] of fixtures) {
    it(`${name}: ${want}`, () => expect(parseSystemctlVersion(section(name, 'systemd-version'))).to.equal(want));
  }

  const cases: [string, number | undefined][] = [
    ['', undefined], // no systemctl
    ['systemd 255 (255.4-1ubuntu8)\n+PAM', 255],
    ['\nsystemd 239', 239],
    ['not systemd', undefined],
  ];
  for (const [text, want] of cases)
    it(`${JSON.stringify(text)} -> ${want}`, () => expect(parseSystemctlVersion(text)).to.equal(want));
});
