import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { directory } from '../../../src/modules/directory.ts';
import * as cap from '../../unit/modules/captured.ts';
import { applyLocally, planLocally, summaries } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('modules/directory', () => {
  it('GIVEN hand-built params for / WHEN the removal step runs THEN the shell guard refuses', () => {
    const a = directory({ path: '/tmp/x', state: 'absent' });
    const steps = a.module.plan({ ...a.params, path: '/' }, a.module.parse(cap.DIRECTORY, a.params), {
      facts: undefined,
      diff: false,
    });
    expect(() => applyLocally(steps)).to.throw(/refusing to remove/);
  });

  describe('round trip on this machine (temp dir)', () => {
    let dir = '';
    beforeEach(() => (dir = tempDir()));
    afterEach(() => removeTempDir(dir));

    it('GIVEN nothing WHEN applied twice THEN the second plan is empty and the mode holds', () => {
      const a = directory({ path: `${dir}/a/b/c`, mode: '0700' });
      applyLocally(planLocally(a).steps);
      expect(statSync(`${dir}/a/b/c`).mode & 0o777).to.equal(0o700);
      expect(planLocally(a).steps).to.deep.equal([]);
      chmodSync(`${dir}/a/b/c`, 0o755);
      expect(summaries(planLocally(a).steps)).to.deep.equal([`run: chmod 0700 ${dir}/a/b/c`]);
    });

    it('GIVEN a tree WHEN state absent is applied THEN it is gone, then the plan is empty', () => {
      mkdirSync(`${dir}/t/u`, { recursive: true });
      writeFileSync(`${dir}/t/u/f`, 'x');
      const a = directory({ path: `${dir}/t`, state: 'absent' });
      applyLocally(planLocally(a).steps);
      expect(existsSync(`${dir}/t`)).to.equal(false);
      expect(planLocally(a).steps).to.deep.equal([]);
    });
  });
});
