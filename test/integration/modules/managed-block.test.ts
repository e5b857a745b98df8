import { expect } from 'chai';
import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { managedBlock } from '../../../src/modules/managed-block.ts';
import { DIFF, applyLocally, planLocally } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

const HOSTS = '127.0.0.1 localhost\n::1 localhost\n';

describe('modules/managed.block', () => {
  describe('round trip on this machine (temp dir)', () => {
    let dir = '';
    beforeEach(() => (dir = tempDir()));
    afterEach(() => removeTempDir(dir));

    it('GIVEN a hosts file WHEN two blocks are applied twice THEN each appears once and the rest is untouched', () => {
      const path = `${dir}/hosts`;
      writeFileSync(path, HOSTS);
      chmodSync(path, 0o640);
      const a = managedBlock({ path, id: 'a', block: '10.0.0.1 a' });
      const b = managedBlock({ path, id: 'b', block: '10.0.0.2 b' });
      for (let i = 0; i < 2; i++) for (const x of [a, b]) applyLocally(planLocally(x).steps);
      expect(readFileSync(path, 'utf8')).to.equal(
        HOSTS +
          '# BEGIN ORCHESTRATE MANAGED BLOCK a\n10.0.0.1 a\n# END ORCHESTRATE MANAGED BLOCK a\n' +
          '# BEGIN ORCHESTRATE MANAGED BLOCK b\n10.0.0.2 b\n# END ORCHESTRATE MANAGED BLOCK b\n',
      );
      expect(statSync(path).mode & 0o777).to.equal(0o640);
      expect(planLocally(a, DIFF).steps).to.deep.equal([]);
      expect(planLocally(b, DIFF).steps).to.deep.equal([]);
      const gone = managedBlock({ path, id: 'a', state: 'absent' });
      applyLocally(planLocally(gone).steps);
      expect(readFileSync(path, 'utf8')).not.to.include('BLOCK a');
      expect(planLocally(gone).steps).to.deep.equal([]);
    });
  });
});
