import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { copy } from '../../../src/modules/copy.ts';
import { DIFF, applyLocally, planLocally } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('modules/copy', () => {
  let dir = '';
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTempDir(dir));

  it('GIVEN the source changes after the action was built WHEN planned THEN the bytes read at build time are used', () => {
    writeFileSync(`${dir}/src`, 'v1\n');
    const a = copy({ src: `${dir}/src`, dest: `${dir}/dest` });
    writeFileSync(`${dir}/src`, 'v2\n');
    applyLocally(planLocally(a).steps);
    expect(readFileSync(`${dir}/dest`, 'utf8')).to.equal('v1\n');
    expect(planLocally(a, DIFF).steps).to.deep.equal([]);
  });
});
