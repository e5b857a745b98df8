import { expect } from 'chai';
import { ensurePki, formatPkiReport, pkiFilesFor } from '../../../../kubernetes/pki/index.ts';
import { EXPECTED } from './expected-certs.ts';
import { changedFiles, copyOfSharedState, kthwModel, snapshot, tempDir } from './fixtures.ts';

describe('kubernetes/pki ensurePki in check mode', function () {
  this.timeout(120_000);

  it('GIVEN an empty state dir THEN nothing is written, and the report says what would be issued', async () => {
    const dir = tempDir();
    const report = await ensurePki(kthwModel(), dir, { check: true });
    expect(snapshot(dir).size).to.equal(0);
    expect(report.check).to.equal(true);
    expect(report.issued).to.have.length(EXPECTED.length + 1);
    expect(report.written).to.include.members([
      'pki/ca.pem',
      'pki/ca-key.pem',
      'admin.kubeconfig',
      'secrets/encryption-key',
      'pki/manifest.json',
    ]);
    expect(formatPkiReport(report)[0]).to.equal('pki: would issue ca: missing');
  });

  it('GIVEN an empty state dir THEN role files are placeholders that show as changes (not errors)', async () => {
    const dir = tempDir();
    await ensurePki(kthwModel(), dir, { check: true });
    const files = pkiFilesFor(kthwModel(), dir, 'worker-1', 'kubelet');
    expect(files.map((f) => f.content)).to.deep.equal([
      '# pending: issued by the next apply (pki/ca.pem)\n',
      '# pending: issued by the next apply (pki/kubelet-worker-1.pem)\n',
      '# pending: issued by the next apply (pki/kubelet-worker-1-key.pem)\n',
      '# pending: issued by the next apply (pki/ca.pem, pki/kubelet-worker-1.pem, pki/kubelet-worker-1-key.pem)\n',
    ]);
    const enc = pkiFilesFor(kthwModel(), dir, 'controller-0', 'kube-apiserver').find((f) =>
      f.path.endsWith('encryption-config.yaml'),
    );
    expect(enc!.content).to.equal('# pending: issued by the next apply (secrets/encryption-key)\n');
  });

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
