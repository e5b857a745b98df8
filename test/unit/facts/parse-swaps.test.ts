import { expect } from 'chai';
import { parseSwaps } from '../../../src/facts/parse-swaps.ts';
import { section, type FixtureName } from './fixtures.ts';

describe('facts/parse-swaps', () => {
  const fixtures: [FixtureName, { totalKb: number; devices: string[] }][] = [
    ['vm', { totalKb: 0, devices: [] }], // header only
    ['chroot', { totalKb: 0, devices: [] }], // no /proc at all
    ['ubuntu2004', { totalKb: 2097148, devices: ['/swap.img'] }],
    ['ubuntu2204', { totalKb: 0, devices: [] }],
    ['debian12Plain', { totalKb: 1000444, devices: ['/dev/vda3'] }],
  ];
  for (const [name, want] of fixtures) {
    it(`${name}: ${want.totalKb} KiB`, () => {
      // GIVEN /proc/swaps  WHEN parsed  THEN total and devices
      expect(parseSwaps(section(name, 'swaps'))).to.deep.equal(want);
    });
  }

  it('sums several areas and decodes escaped spaces', () => {
    const text = 'Filename\tType\tSize\tUsed\tPriority\n/dev/sda2 partition 1024 0 -2\n/my\\040swap file 2048 10 -3\n';
    expect(parseSwaps(text)).to.deep.equal({ totalKb: 3072, devices: ['/dev/sda2', '/my swap'] });
  });
});
