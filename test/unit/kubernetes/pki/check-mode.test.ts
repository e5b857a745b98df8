import { expect } from 'chai';
import { ensurePki, formatPkiReport, pkiFilesFor } from '../../../../kubernetes/pki/index.ts';
import { EXPECTED } from './expected-certs.ts';
import { kthwModel, snapshot } from './fixtures.ts';
import { tempDir } from '../../../support/temp-dir.ts';

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
});
