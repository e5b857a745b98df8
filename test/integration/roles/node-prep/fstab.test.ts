import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISABLED_PREFIX } from '../../../../roles/node-prep/fstab.ts';
import { fstabNoSwap } from '../../../../roles/node-prep/fstab-module.ts';
import { applyLocally, planLocally } from '../../modules/harness.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const ROOT = 'UUID=1b2c /               ext4    errors=remount-ro 0       1';
const SWAP = 'UUID=9f8e none            swap    sw              0       0';

describe('roles/node-prep/fstab', () => {
  describe('the module', () => {
    it('GIVEN a real file THEN probe, apply, and a second probe plans nothing', () => {
      const tmp = tempDir();
      try {
        const path = join(tmp, 'fstab');
        writeFileSync(path, `${ROOT}\n${SWAP}\n`);
        const a = fstabNoSwap(path);
        applyLocally(planLocally(a).steps);
        expect(readFileSync(path, 'utf8')).to.equal(`${ROOT}\n${DISABLED_PREFIX}${SWAP}\n`);
        expect(planLocally(a).steps).to.deep.equal([]);
      } finally {
        removeTempDir(tmp);
      }
    });
  });
});
