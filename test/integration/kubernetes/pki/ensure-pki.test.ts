import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOrchestrateError } from '../../../../src/errors.ts';
import { identityOf, issueSelfSigned, issueSigned, readManifest } from '../../../../src/pki/index.ts';
import { ensurePki, pkiCatalog } from '../../../../kubernetes/pki/index.ts';
import { EXPECTED } from '../../../unit/kubernetes/pki/expected-certs.ts';
import {
  changedFiles,
  copyOfSharedState,
  kthwModel,
  sharedState,
  snapshot,
} from '../../../unit/kubernetes/pki/fixtures.ts';
import { changedHostFiles, hostFiles } from '../../../unit/kubernetes/pki/host-files.ts';
import { opensslVerify } from '../../pki/openssl.ts';

const pem = (dir: string, name: string) => readFileSync(join(dir, 'pki', `${name}.pem`), 'utf8');
const mode = (p: string) => statSync(p).mode & 0o777;
const SERVER = new Set(['kubernetes', 'kubelet-worker-0', 'etcd-server-controller-0', 'etcd-peer-controller-1']);

describe('kubernetes/pki ensurePki', function () {
  this.timeout(180_000);
  let dir: string;
  before(async () => {
    dir = (await sharedState()).dir;
  });

  it('GIVEN an empty state dir THEN it issues the CA and every leaf, the encryption key, admin.kubeconfig and the manifest', async () => {
    const { report } = await sharedState();
    expect(report.check).to.equal(false);
    expect(report.issued.map((i) => i.name)).to.deep.equal([
      'ca',
      ...pkiCatalog(kthwModel(), { caValidityDays: 1, leafValidityDays: 1 })
        .slice(1)
        .map((e) => e.name),
    ]);
    expect(report.issued.every((i) => i.reason === 'missing')).to.equal(true);
    expect(report.written).to.include.members([
      'pki/ca-key.pem',
      'pki/ca.pem',
      'admin.kubeconfig',
      'secrets/encryption-key',
      'pki/manifest.json',
    ]);
    expect(report.unchanged).to.deep.equal([]);
    expect(report.stale).to.deep.equal([]);
  });

  it('THEN every certificate verifies against the CA (node:crypto and openssl verify, with the right purpose)', () => {
    const caPem = pem(dir, 'ca');
    const ca = new X509Certificate(caPem);
    for (const e of EXPECTED) {
      const leaf = pem(dir, e.name);
      expect(new X509Certificate(leaf).verify(ca.publicKey), e.name).to.equal(true);
      expect(opensslVerify(caPem, leaf, 'sslclient'), e.name).to.match(/: OK/);
      if (SERVER.has(e.name)) expect(opensslVerify(caPem, leaf, 'sslserver'), e.name).to.match(/: OK/);
    }
    expect(ca.verify(ca.publicKey)).to.equal(true);
  });

  it('THEN each certificate says what the expected table says, and the CA lasts 10 years, leaves 1 year', () => {
    for (const e of EXPECTED) {
      const id = identityOf(pem(dir, e.name));
      expect(id.subject, e.name).to.equal(e.subject);
      expect(id.sans, e.name).to.deep.equal([...e.sans].sort());
      expect(id.extKeyUsages, e.name).to.deep.equal(e.eku);
      expect(id.keyUsages, e.name).to.deep.equal(['digitalSignature', 'keyEncipherment']);
      expect(id.issuer, e.name).to.equal('CN=Kubernetes, O=Kubernetes, OU=CA, L=Portland, ST=Oregon, C=US');
      expect(Math.round((id.notAfter.getTime() - Date.now()) / 86_400_000), e.name).to.equal(365);
    }
    const ca = identityOf(pem(dir, 'ca'));
    expect(Math.round((ca.notAfter.getTime() - Date.now()) / 86_400_000)).to.equal(3650);
  });

  it('THEN dirs are 0700, keys, kubeconfig and encryption key 0600, certs 0644', () => {
    for (const d of ['pki', 'secrets']) expect(mode(join(dir, d)), d).to.equal(0o700);
    for (const [file, m] of snapshot(dir)) {
      const want =
        file.endsWith('-key.pem') || file === 'admin.kubeconfig' || file.startsWith('secrets/') ? 0o600 : 0o644;
      expect(m.mode, file).to.equal(want);
    }
  });

  it('THEN the manifest lists each cert with files, subject, SANs, notAfter, hosts and the sha256 of the DER', () => {
    const m = readManifest(dir);
    expect(m.certs.map((c) => c.name)).to.deep.equal(
      pkiCatalog(kthwModel(), { caValidityDays: 1, leafValidityDays: 1 }).map((e) => e.name),
    );
    const byName = new Map(m.certs.map((c) => [c.name, c]));
    const api = byName.get('kubernetes')!;
    expect(api.certFile).to.equal('kubernetes.pem');
    expect(api.keyFile).to.equal('kubernetes-key.pem');
    expect(api.hosts).to.deep.equal(['controller-0', 'controller-1', 'controller-2']);
    expect(api.sans).to.include('DNS:kubernetes.default.svc.cluster.local');
    expect(api.sha256).to.equal(
      new X509Certificate(pem(dir, 'kubernetes')).fingerprint256.replace(/:/g, '').toLowerCase(),
    );
    expect(api.notAfter).to.equal(new Date(new X509Certificate(pem(dir, 'kubernetes')).validTo).toISOString());
    expect(byName.get('ca')!.hosts).to.have.length(6);
    expect(byName.get('kubelet-worker-1')!.hosts).to.deep.equal(['worker-1']);
    expect(byName.get('kube-proxy')!.hosts).to.deep.equal(['worker-0', 'worker-1', 'worker-2']);
    expect(byName.get('etcd-peer-controller-2')!.hosts).to.deep.equal(['controller-2']);
  });

  it('GIVEN the same inputs again THEN every file keeps its bytes and mtime, nothing is issued', async () => {
    const copy = await copyOfSharedState();
    const before = snapshot(copy);
    const report = await ensurePki(kthwModel(), copy);
    expect(report.issued).to.deep.equal([]);
    expect(report.written).to.deep.equal([]);
    expect(report.unchanged).to.have.length(EXPECTED.length);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal([]);
  });

  it('GIVEN one more API address THEN only the apiserver cert and key change (and the manifest), on disk and on hosts', async () => {
    const copy = await copyOfSharedState();
    const before = snapshot(copy);
    const hostsBefore = hostFiles(kthwModel(), copy);
    const wider = kthwModel({ apiAddresses: ['10.240.0.100', '192.0.2.50'] });
    const report = await ensurePki(wider, copy);
    expect(report.issued).to.deep.equal([{ name: 'kubernetes', reason: 'SANs +IP:192.0.2.50' }]);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal([
      'pki/kubernetes-key.pem',
      'pki/kubernetes.pem',
      'pki/manifest.json',
    ]);
    expect(changedHostFiles(hostsBefore, hostFiles(wider, copy))).to.deep.equal(
      [0, 1, 2].flatMap((i) => [
        `controller-${i} /var/lib/kubernetes/kubernetes-key.pem`,
        `controller-${i} /var/lib/kubernetes/kubernetes.pem`,
      ]),
    );
    expect(identityOf(pem(copy, 'kubernetes')).sans).to.include('IP:192.0.2.50');
    expect(opensslVerify(pem(copy, 'ca'), pem(copy, 'kubernetes'), 'sslserver')).to.match(/: OK/);
  });

  it('GIVEN a worker removed THEN no certificate is touched; its files are kept and reported stale', async () => {
    const copy = await copyOfSharedState();
    const before = snapshot(copy);
    const report = await ensurePki(kthwModel({ workers: 2 }), copy);
    expect(report.issued).to.deep.equal([]);
    expect(report.stale).to.deep.equal(['kubelet-worker-2-key.pem', 'kubelet-worker-2.pem']);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal(['pki/manifest.json']);
    expect(readManifest(copy).certs.find((c) => c.name === 'ca')!.hosts).to.not.include('worker-2');
  });

  it('GIVEN a key file chmod 644 THEN it is refused with the chmod 600 fix, and nothing is written', async () => {
    const copy = await copyOfSharedState();
    const key = join(copy, 'pki', 'admin-key.pem');
    chmodSync(key, 0o644);
    const before = snapshot(copy);
    const err = await ensurePki(kthwModel(), copy).catch((e: unknown) => e);
    expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
    expect((err as { fix: string }).fix).to.equal(`chmod 600 ${key}`);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal([]);
  });

  it('GIVEN a cert that expires within the renewal window THEN only it is reissued', async () => {
    const copy = await copyOfSharedState();
    const spec = pkiCatalog(kthwModel(), { caValidityDays: 3650, leafValidityDays: 10 }).find(
      (e) => e.name === 'kube-proxy',
    )!.spec;
    const ca = { certPem: pem(copy, 'ca'), keyPem: readFileSync(join(copy, 'pki', 'ca-key.pem'), 'utf8') };
    writeFileSync(
      join(copy, 'pki', 'kube-proxy.pem'),
      issueSigned(spec, readFileSync(join(copy, 'pki', 'kube-proxy-key.pem'), 'utf8'), ca, new Date()),
    );
    const before = snapshot(copy);
    const report = await ensurePki(kthwModel(), copy);
    expect(report.issued.map((i) => i.name)).to.deep.equal(['kube-proxy']);
    expect(report.issued[0]!.reason).to.match(/^expires on .* \(9 days left, renewal window 30 days\)$/);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal([
      'pki/kube-proxy-key.pem',
      'pki/kube-proxy.pem',
      'pki/manifest.json',
    ]);
    expect(identityOf(pem(copy, 'kube-proxy')).notAfter.getTime() - Date.now()).to.be.greaterThan(360 * 86_400_000);
  });

  it('GIVEN a CA near its end THEN it is kept, with a warning that says how to rotate it', async () => {
    const copy = await copyOfSharedState();
    const caSpec = pkiCatalog(kthwModel(), { caValidityDays: 10, leafValidityDays: 365 })[0]!.spec;
    const caKey = readFileSync(join(copy, 'pki', 'ca-key.pem'), 'utf8');
    writeFileSync(join(copy, 'pki', 'ca.pem'), issueSelfSigned(caSpec, caKey, new Date()));
    const before = snapshot(copy);
    const report = await ensurePki(kthwModel(), copy);
    expect(report.warnings).to.have.length(1);
    expect(report.warnings[0]).to.match(
      /^ca: expires on .*never replaced on its own: rotate it on purpose \(rotateCa\)/,
    );
    expect(report.issued).to.deep.equal([]);
    // the test re-signed ca.pem itself: the admin kubeconfig that embeds it follows, nothing else
    expect(changedFiles(before, snapshot(copy))).to.deep.equal(['admin.kubeconfig', 'pki/manifest.json']);
  });

  it('GIVEN the CA key is lost THEN STATE_DIR_INVALID (never a silent new CA)', async () => {
    const copy = await copyOfSharedState();
    rmSync(join(copy, 'pki', 'ca-key.pem'));
    const err = await ensurePki(kthwModel(), copy).catch((e: unknown) => e);
    expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
    expect((err as { fix: string }).fix).to.match(/restore .*ca-key.pem from your backup/);
  });

  it('GIVEN ca.pem lost but its key kept THEN the CA is re-signed with that key and every leaf stays', async () => {
    const copy = await copyOfSharedState();
    rmSync(join(copy, 'pki', 'ca.pem'));
    const before = snapshot(copy);
    const report = await ensurePki(kthwModel(), copy);
    expect(report.issued).to.deep.equal([
      { name: 'ca', reason: 'certificate missing (re-signed with the existing CA key)' },
    ]);
    expect(changedFiles(before, snapshot(copy))).to.deep.equal(['admin.kubeconfig', 'pki/ca.pem', 'pki/manifest.json']);
    for (const e of EXPECTED) expect(opensslVerify(pem(copy, 'ca'), pem(copy, e.name)), e.name).to.match(/: OK/);
  });

  it('GIVEN rotateCa THEN a new CA and every leaf reissued by it; the service-account key is kept', async () => {
    const copy = await copyOfSharedState();
    const before = snapshot(copy);
    const report = await ensurePki(kthwModel(), copy, { rotateCa: true });
    expect(report.issued[0]).to.deep.equal({ name: 'ca', reason: 'rotation requested (rotateCa)' });
    expect(report.issued.slice(1).every((i) => i.reason === 'the CA is replaced')).to.equal(true);
    expect(report.issued).to.have.length(EXPECTED.length + 1);
    const after = snapshot(copy);
    expect(after.get('pki/ca-key.pem')!.bytes.equals(before.get('pki/ca-key.pem')!.bytes)).to.equal(false);
    expect(
      after.get('pki/service-account-key.pem')!.bytes.equals(before.get('pki/service-account-key.pem')!.bytes),
    ).to.equal(true);
    expect(after.get('secrets/encryption-key')!.bytes.equals(before.get('secrets/encryption-key')!.bytes)).to.equal(
      true,
    );
    for (const e of EXPECTED) expect(opensslVerify(pem(copy, 'ca'), pem(copy, e.name)), e.name).to.match(/: OK/);
    const again = await ensurePki(kthwModel(), copy);
    expect(again.issued).to.deep.equal([]);
  });
});
