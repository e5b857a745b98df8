import { expect } from 'chai';
import { join } from 'node:path';
import type { RoleContext } from '../../../../src/executor/types.ts';
import { imageTasks } from '../../../../roles/container-runtime/images.ts';
import { caught } from '../../inventory/helpers.ts';
import { kthwInventory } from '../../kubernetes/cluster/helpers.ts';
import { roleContext } from './role-context.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('roles/container-runtime/images (cluster.images.bundles)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  const ctxWith = (artifactsDir?: string): RoleContext<unknown> => ({
    ...roleContext(kthwInventory({ controllers: 1, workers: 1 }), state, 'worker-0'),
    artifactsDir,
  });

  it('GIVEN a relative bundle and no artifacts dir THEN VARS_INVALID naming the entry, with the fix', () => {
    const err = caught(() => imageTasks(ctxWith(), { imageBundles: ['images/pause.tar'] }));
    expect(err.code).to.equal('VARS_INVALID');
    expect(err.message).to.contain('"images/pause.tar" is relative');
    expect(err.fix).to.contain('absolute path').and.contain('--artifacts-dir');
  });

  it('GIVEN a missing bundle THEN the archive reader names it (VARS_INVALID)', () => {
    const err = caught(() => imageTasks(ctxWith(), { imageBundles: [join(state, 'none.tar')] }));
    expect([err.code, err.message]).to.deep.equal([
      'VARS_INVALID',
      `image bundle ${join(state, 'none.tar')} cannot be read (ENOENT)`,
    ]);
  });
});
