import { expect } from 'chai';
import { systemdUnit } from '../../../src/modules/systemd-unit.ts';
import { hasCommand, planLocally } from './harness.ts';

const UNIT = '[Unit]\nDescription=demo\n[Service]\nExecStart=/bin/true\n';

describe('modules/systemd.unit', () => {
  (hasCommand('stat') ? it : it.skip)(
    'GIVEN this machine WHEN the probe runs for real (read-only) THEN it parses',
    () => {
      const { state } = planLocally(systemdUnit({ name: 'orchestrate-test-none.service', content: UNIT }));
      expect(state.type).to.equal('absent');
    },
  );
});
