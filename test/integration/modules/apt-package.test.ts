import { expect } from 'chai';
import { aptPackage } from '../../../src/modules/apt-package.ts';
import { hasCommand, planLocally } from './harness.ts';

describe('modules/apt.package', () => {
  (hasCommand('dpkg-query') ? it : it.skip)(
    'GIVEN this machine WHEN the probe runs for real (read-only) THEN dpkg lists coreutils as installed',
    () => {
      const { state, steps } = planLocally(aptPackage({ names: ['coreutils', 'orchestrate-no-such-package'] }));
      expect(state.installed.has('coreutils')).to.equal(true);
      expect(steps.at(-1))
        .to.have.property('script')
        .that.match(/install .* orchestrate-no-such-package$/);
    },
  );
});
