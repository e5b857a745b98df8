import { expect } from 'chai';
import { isReleaseVersion, parseVersion } from '../../../../kubernetes/verify/version.ts';
import { fixture } from './helpers.ts';

describe('kubernetes/verify version: what the API says it is', () => {
  it('parses a real kube-apiserver 1.32.3 /version; its gitVersion is an upstream release', () => {
    const v = parseVersion(fixture('version-1.32.3.json'))!;
    expect(v).to.deep.equal({ gitVersion: 'v1.32.3', platform: 'linux/arm64', goVersion: 'go1.23.6' });
    expect(isReleaseVersion(v.gitVersion)).to.equal(true);
  });
  it('the test double gives itself away: its gitVersion is not a release version', () => {
    const v = parseVersion(fixture('version-double.json'))!;
    expect(v.gitVersion).to.equal('v1.32.3-orchestrate-test-double');
    expect(isReleaseVersion(v.gitVersion)).to.equal(false);
  });
  it('a vendor build with a release gitVersion and an odd goVersion is a release', () => {
    expect(isReleaseVersion(parseVersion(fixture('version-1.32.12-vendor.json'))!.gitVersion)).to.equal(true);
  });
  const table: [string, boolean][] = [
    ['v1.33.0-rc.1', true],
    ['v1.34.0-alpha.2', true],
    ['v1.32.3+k3s1', true],
    ['v1.32.3-eks-bc803b4', false],
    ['v1.32.3-gke.1927009', false],
    ['v1.32', false],
    ['1.32.3', false],
    ['v1.32.3-dirty', false],
  ];
  for (const [gv, release] of table)
    it(`${gv}: ${release ? 'a release' : 'not an upstream release'}`, () =>
      expect(isReleaseVersion(gv)).to.equal(release));
  it('a body that is not /version JSON gives undefined', () => {
    expect(parseVersion('ok')).to.equal(undefined);
    expect(parseVersion('{"kind":"Status","code":403}')).to.equal(undefined);
  });
});
