import { expect } from 'chai';
import { judgeServiceCidr } from '../../../../kubernetes/doctor/checks/service-cidr.ts';
import { MODEL } from './model.ts';

const units = (api: string | undefined, kcm: string | undefined) =>
  [
    '@@unit kube-apiserver',
    ...(api === undefined
      ? ['argv-missing kube-apiserver']
      : ['argv /usr/local/bin/kube-apiserver', ...(api ? [`argv ${api}`] : [])]),
    '@@unit kube-controller-manager',
    ...(kcm === undefined
      ? ['argv-missing kube-controller-manager']
      : ['argv /usr/local/bin/kube-controller-manager', ...(kcm ? [`argv ${kcm}`] : [])]),
  ].join('\n');

describe('doctor check service-cidr (apiserver and controller-manager agree; DNS IP inside)', () => {
  const flag = (cidr: string) => `--service-cluster-ip-range=${cidr}`;

  it('GIVEN both set to the inventory value THEN ok', () => {
    const f = judgeServiceCidr('controller-0', units(flag('10.32.0.0/24'), flag('10.32.0.0/24')), MODEL);
    expect(f).to.include({
      verdict: 'ok',
      summary: 'both use 10.32.0.0/24, which holds the cluster DNS IP 10.32.0.10',
    });
  });

  it('GIVEN the apiserver without the flag THEN the 10.0.0.0/24 fallback is named', () => {
    const f = judgeServiceCidr('controller-0', units('', flag('10.32.0.0/24')), MODEL);
    expect(f.verdict).to.equal('fail');
    expect(f.summary).to.contain('falls back to 10.0.0.0/24');
    expect(f.evidence).to.include('kube-apiserver: no --service-cluster-ip-range');
    expect(f.fix).to.contain('--service-cluster-ip-range=10.32.0.0/24');
  });

  it('GIVEN different ranges THEN a failure quoting both', () => {
    const f = judgeServiceCidr('controller-0', units(flag('10.32.0.0/24'), flag('10.96.0.0/12')), MODEL);
    expect(f.verdict).to.equal('fail');
    expect(f.summary).to.equal('kube-controller-manager uses 10.96.0.0/12 while kube-apiserver uses 10.32.0.0/24');
  });

  it('GIVEN the DNS IP outside the range THEN a failure', () => {
    const f = judgeServiceCidr('controller-0', units(flag('10.96.0.0/16'), flag('10.96.0.0/16')), MODEL);
    expect(f.verdict).to.equal('fail');
    expect(f.summary).to.contain('10.32.0.10 (kubelet clusterDNS) is outside the service CIDR 10.96.0.0/16');
  });

  it('GIVEN a consistent range other than the inventory THEN a warning', () => {
    const f = judgeServiceCidr('controller-0', units(flag('10.32.0.0/16'), flag('10.32.0.0/16')), MODEL);
    expect(f.verdict).to.equal('warn');
  });

  it('GIVEN no controller-manager unit THEN a warning, not a crash', () => {
    expect(judgeServiceCidr('controller-0', units(flag('10.32.0.0/24'), undefined), MODEL).verdict).to.equal('warn');
  });
});
