import { expect } from 'chai';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { file } from '../../../src/modules/file.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import { DIFF, applyLocally, planLocally, summaries } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('modules/file', () => {
  describe('round trip on this machine (temp dir)', () => {
    let dir = '';
    beforeEach(() => (dir = tempDir()));
    afterEach(() => removeTempDir(dir));

    it('GIVEN nothing WHEN planned, applied, planned again THEN the second plan is empty', () => {
      const a = file({ path: `${dir}/sub/app.conf`, content: 'a=1\n', mode: '0640' });
      const first = planLocally(a, DIFF);
      expect(summaries(first.steps)).to.deep.equal([`run: mkdir -p ${dir}/sub`, `write: ${dir}/sub/app.conf 0640`]);
      applyLocally(first.steps);
      expect(readFileSync(`${dir}/sub/app.conf`, 'utf8')).to.equal('a=1\n');
      expect(planLocally(a, DIFF).steps).to.deep.equal([]);
    });

    it('GIVEN drift in mode and content WHEN re-planned THEN only what drifted is fixed', () => {
      const path = `${dir}/app.conf`;
      const a = file({ path, content: 'a=1\n' });
      applyLocally(planLocally(a).steps);
      chmodSync(path, 0o600);
      expect(summaries(planLocally(a).steps)).to.deep.equal([`run: chmod 0644 ${path}`]);
      writeFileSync(path, 'a=2\n');
      const steps = planLocally(a, DIFF).steps;
      expect((steps[0] as WriteStep).diff).to.include('-a=2\n+a=1');
      applyLocally(steps);
      expect(statSync(path).mode & 0o777).to.equal(0o644);
      expect(planLocally(a).steps).to.deep.equal([]);
    });

    it('GIVEN a file WHEN state absent is applied THEN it is gone and the next plan is empty', () => {
      const path = `${dir}/gone`;
      writeFileSync(path, 'x');
      const a = file({ path, state: 'absent' });
      applyLocally(planLocally(a).steps);
      expect(planLocally(a).steps).to.deep.equal([]);
    });
  });
});
