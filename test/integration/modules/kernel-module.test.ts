import { expect } from 'chai';
import { kernelModule } from '../../../src/modules/kernel-module.ts';
import { planLocally } from './harness.ts';

describe('modules/kernel.module', () => {
  it('GIVEN this machine WHEN the probe runs for real (read-only) THEN it parses', () => {
    const { state } = planLocally(kernelModule({ name: 'orchestrate_no_such_module' }));
    expect(state).to.deep.include({ loaded: false, builtin: false });
  });
});
