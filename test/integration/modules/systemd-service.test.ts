import { expect } from 'chai';
import { systemdService } from '../../../src/modules/systemd-service.ts';
import { hasCommand, planLocally, summaries } from './harness.ts';

describe('modules/systemd.service', () => {
  (hasCommand('systemctl') ? it : it.skip)(
    'GIVEN this machine WHEN the probe runs for real on a missing unit THEN it is a state, not a failure',
    () => {
      const { state, steps } = planLocally(systemdService({ name: 'orchestrate-test-none.service', enabled: true }));
      expect(state.active).to.be.a('string');
      expect(summaries(steps)).to.deep.equal(['run: systemctl enable orchestrate-test-none.service']);
    },
  );
});
