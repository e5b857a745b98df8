import { expect } from 'chai';
import { ensurePki, pkiFilesFor } from '../../../../kubernetes/pki/index.ts';
import { EXPECTED } from '../../../unit/kubernetes/pki/expected-certs.ts';
import { changedFiles, copyOfSharedState, kthwModel, snapshot } from '../../../unit/kubernetes/pki/fixtures.ts';

describe('kubernetes/pki ensurePki in check mode', function () {
  this.timeout(120_000);

  it('GIVEN an issued PKI and a new API address THEN nothing is written; only the apiserver files are pending', async () => {
    const copy = await copyOfSharedState();
    const before = snapshot(copy);
    const wider = kthwModel({ apiAddresses: ['10.240.0.100', '192.0.2.50'] });
    const report = await ensurePki(wider, copy, { check: true });
    expect(report.issued).to.deep.equal([{ name: 'kubernetes', reason: 'SANs +IP:192.0.2.50' }]);
    expect(report.written).to.deep.equal(['pki/kubernetes-key.pem', 'pki/kubernetes.pem', 'pki/manifest.json']);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal([]);
    const pending = pkiFilesFor(wider, copy, 'controller-1', 'kube-apiserver')
      .filter((f) => typeof f.content === 'string' && f.content.startsWith('# pending'))
      .map((f) => f.path);
    expect(pending).to.deep.equal(['/var/lib/kubernetes/kubernetes.pem', '/var/lib/kubernetes/kubernetes-key.pem']);
  });

  it('GIVEN a real run after a check run THEN the placeholders are gone', async () => {
    const copy = await copyOfSharedState();
    await ensurePki(kthwModel(), copy, { check: true, rotateCa: true });
    expect(String(pkiFilesFor(kthwModel(), copy, 'worker-0', 'kube-proxy')[0]!.content)).to.match(/^# pending/);
    await ensurePki(kthwModel(), copy);
    expect(pkiFilesFor(kthwModel(), copy, 'worker-0', 'kube-proxy')[0]!.content).to.not.be.a('string');
  });

  it('GIVEN rotateCa in check mode THEN every certificate would be reissued and no key is made', async () => {
    const copy = await copyOfSharedState();
    const before = snapshot(copy);
    const started = Date.now();
    const report = await ensurePki(kthwModel(), copy, { check: true, rotateCa: true });
    expect(Date.now() - started).to.be.below(2000);
    expect(report.issued).to.have.length(EXPECTED.length + 1);
    expect(report.written).to.include.members(['pki/ca-key.pem', 'admin.kubeconfig']);
    expect(report.written).to.not.include('pki/service-account-key.pem');
    expect(changedFiles(before, snapshot(copy))).to.deep.equal([]);
  });
});
