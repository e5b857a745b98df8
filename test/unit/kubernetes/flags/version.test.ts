import { expect } from 'chai';
import { checkFlagVersion } from '../../../../kubernetes/flags/version.ts';

describe('checkFlagVersion', () => {
  for (const v of ['1.32.3', 'v1.32.0', '1.33.1', '1.34', '1.35.0', '1.36.2', '1.37.2', '1.32.3-rc.1'])
    it(`GIVEN ${v} WHEN checked THEN it is accepted (between the listed minors)`, () => {
      expect(() => checkFlagVersion(v)).to.not.throw();
    });
  for (const v of ['1.31.9', '1.38.0', '2.0.0', 'latest', ''])
    it(`GIVEN ${JSON.stringify(v)} WHEN checked THEN VARS_INVALID names the range and the way to add a version`, () => {
      expect(() => checkFlagVersion(v))
        .to.throw(/checked against Kubernetes 1\.32 to 1\.37 only/)
        .that.satisfies(
          (e: { code: string; fix: string }) => e.code === 'VARS_INVALID' && e.fix.includes('flags/generate.ts'),
        );
    });
});
