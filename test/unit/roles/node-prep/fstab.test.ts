import { expect } from 'chai';
import { DISABLED_PREFIX, isSwapLine, withoutSwap } from '../../../../roles/node-prep/fstab.ts';
import { fstabNoSwap } from '../../../../roles/node-prep/fstab-module.ts';
import * as cap from '../../modules/captured.ts';
import { CHECK } from '../../modules/plan.ts';

const ROOT = 'UUID=1b2c /               ext4    errors=remount-ro 0       1';
const SWAP = 'UUID=9f8e none            swap    sw              0       0';
const SWAPFILE = '/swapfile none swap defaults 0 0';

describe('roles/node-prep/fstab', () => {
  const cases: { given: string; text: string; then: string }[] = [
    { given: 'no swap entry', text: `${ROOT}\n`, then: `${ROOT}\n` },
    { given: 'a swap partition', text: `${ROOT}\n${SWAP}\n`, then: `${ROOT}\n${DISABLED_PREFIX}${SWAP}\n` },
    {
      given: 'a swap file and a partition',
      text: `${SWAPFILE}\n${ROOT}\n${SWAP}`,
      then: `${DISABLED_PREFIX}${SWAPFILE}\n${ROOT}\n${DISABLED_PREFIX}${SWAP}`,
    },
    { given: 'a swap entry already commented', text: `${ROOT}\n# ${SWAP}\n`, then: `${ROOT}\n# ${SWAP}\n` },
    { given: 'our own disabled line', text: `${DISABLED_PREFIX}${SWAP}\n`, then: `${DISABLED_PREFIX}${SWAP}\n` },
    { given: 'an empty file', text: '', then: '' },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} THEN swap lines are commented out, nothing else moves`, () => {
      expect(withoutSwap(c.text)).to.equal(c.then);
      expect(withoutSwap(withoutSwap(c.text)), 'idempotent').to.equal(c.then);
    });

  it('GIVEN fstab lines WHEN isSwapLine THEN only the type field decides', () => {
    expect(isSwapLine(SWAP)).to.equal(true);
    expect(isSwapLine('/dev/sdb1 /swap ext4 defaults 0 2')).to.equal(false);
    expect(isSwapLine('  # swap')).to.equal(false);
  });

  describe('the module', () => {
    const plan = (probe: string) => {
      const a = fstabNoSwap();
      return a.module.plan(a.params, a.module.parse(probe, a.params), CHECK);
    };

    it('GIVEN no fstab or one without swap THEN nothing to do', () => {
      expect(plan(cap.ABSENT)).to.deep.equal([]);
      expect(plan(cap.fileWith(`${ROOT}\n`))).to.deep.equal([]);
    });

    it('GIVEN a swap entry THEN one write of the commented text, keeping the mode', () => {
      const steps = plan(cap.fileWith(`${ROOT}\n${SWAP}\n`));
      expect(steps).to.have.length(1);
      expect(steps[0]).to.include({ kind: 'write', path: '/etc/fstab', mode: '0644' });
      expect((steps[0] as { source: { content: string } }).source.content).to.equal(
        `${ROOT}\n${DISABLED_PREFIX}${SWAP}\n`,
      );
    });

    it('GIVEN a directory at the path THEN a plan conflict', () => {
      expect(() => plan(cap.DIRECTORY)).to.throw(/not a regular file/);
    });
  });
});
