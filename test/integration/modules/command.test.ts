import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { command } from '../../../src/modules/command.ts';
import { applyLocally, planLocally } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('modules/command', () => {
  describe('round trip on this machine (temp dir)', () => {
    let dir = '';
    beforeEach(() => (dir = tempDir()));
    afterEach(() => removeTempDir(dir));

    it('GIVEN creates WHEN applied THEN the next plan is empty', () => {
      const a = command({ run: `date > ${dir}/stamp`, creates: `${dir}/stamp` });
      const first = planLocally(a);
      expect(first.stdout).to.equal('creates=no\n');
      applyLocally(first.steps);
      expect(existsSync(`${dir}/stamp`)).to.equal(true);
      expect(planLocally(a).steps).to.deep.equal([]);
    });

    it('GIVEN unless and onlyIf with noisy output WHEN probed for real THEN only the exit codes come back', () => {
      writeFileSync(`${dir}/conf`, 'a=1\n');
      const a = command({
        run: `echo a=2 > ${dir}/conf`,
        unless: `echo noise; echo err >&2; grep -q a=2 ${dir}/conf # trailing comment`,
        onlyIf: `cat ${dir}/conf`,
      });
      const first = planLocally(a);
      expect(first.stdout).to.equal('unless=1\nonlyif=0\n');
      applyLocally(first.steps);
      expect(planLocally(a).steps).to.deep.equal([]);
    });

    it('GIVEN no guard WHEN applied THEN it is planned again (changed every run, by design)', () => {
      const a = command({ run: 'true' });
      applyLocally(planLocally(a).steps);
      expect(planLocally(a).steps).to.have.length(1);
    });
  });
});
