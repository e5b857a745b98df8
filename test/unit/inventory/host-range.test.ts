import { expect } from 'chai';
import { expandHostRange } from '../../../src/inventory/host-range.ts';

describe('inventory/host-range', () => {
  describe('GIVEN host keys', () => {
    const cases: [string, string[]][] = [
      ['web', ['web']],
      ['worker-[0:2]', ['worker-0', 'worker-1', 'worker-2']],
      ['db-[01:03]', ['db-01', 'db-02', 'db-03']],
      ['n[0:6:3]', ['n0', 'n3', 'n6']],
      ['n[:1]', ['n0', 'n1']],
      ['[a:c].example', ['a.example', 'b.example', 'c.example']],
      ['r[1:2]-[a:b]', ['r1-a', 'r1-b', 'r2-a', 'r2-b']],
    ];
    for (const [key, want] of cases)
      it(`WHEN ${key} THEN ${want.join(', ')}`, () =>
        expect(expandHostRange(key)).to.deep.equal({ ok: true, names: want }));
  });

  describe('GIVEN malformed ranges', () => {
    const cases: [string, RegExp][] = [
      ['w-[3:1]', /begin <= end/],
      ['w-[1]', /must be \[begin:end\]/],
      ['w-[1:]', /no end value/],
      ['w-[01:100]', /same number of digits/],
      ['w-[1:2:0]', /step must be a positive integer/],
      ['w-[a:3]', /two numbers or two letters/],
      ['w-[1:2', /unbalanced '\['/],
      ['w-1]', /unbalanced '\]'/],
      ['w-[0:99999]', /more than 10000 hosts/],
    ];
    for (const [key, problem] of cases)
      it(`WHEN ${key} THEN it is refused: ${problem.source}`, () => {
        const r = expandHostRange(key);
        expect(r.ok).to.equal(false);
        if (!r.ok) expect(r.problem).to.match(problem);
      });
  });
});
