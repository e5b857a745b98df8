import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostCertFiles } from '../../../../kubernetes/doctor/cert-sans.ts';
import {
  certFilesProbe,
  judgeCertificates,
  type CertJudgeInput,
} from '../../../../kubernetes/doctor/checks/certificates.ts';
import { parseCatFiles } from '../../../../kubernetes/doctor/probe-lib.ts';
import type { HostCertFile } from '../../../../kubernetes/doctor/cert-sans.ts';
import { kthwModel, sharedState } from '../../../unit/kubernetes/pki/fixtures.ts';
import { checkSyntax } from './snippets.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const DAY = 86_400_000;

describe('doctor check certificates', function () {
  this.timeout(120_000);
  let dir: string;
  let issued: Date;
  const pem = (name: string) => readFileSync(join(dir, 'pki', `${name}.pem`), 'utf8');
  before(async () => {
    dir = (await sharedState()).dir;
    issued = new Date();
  });

  /** What the probe prints for a host whose files are exactly the state dir's. */
  const hostAsBuilt = (host: string) =>
    new Map<string, string | null>(hostCertFiles(kthwModel(), host).map((f) => [f.path, pem(f.cert)]));
  const input = (over: Partial<CertJudgeInput> = {}): CertJudgeInput => {
    const model = over.model ?? kthwModel();
    const names = new Set(['controller-0', 'worker-1'].flatMap((h) => hostCertFiles(model, h).map((f) => f.cert)));
    return { model, state: new Map([...names].map((n) => [n, pem(n)])), now: issued, renewWindowDays: 30, ...over };
  };
  const judge = (host: string, seen: Map<string, string | null>, over: Partial<CertJudgeInput> = {}) =>
    judgeCertificates(host, hostCertFiles(over.model ?? kthwModel(), host), seen, input(over));

  describe('judgeCertificates', () => {
    it("GIVEN the state dir's certs on the host THEN one ok finding with the count, coverage and days", () => {
      const f = judge('controller-0', hostAsBuilt('controller-0'));
      expect(f).to.have.length(1);
      expect(f[0]!.verdict).to.equal('ok');
      expect(f[0]!.summary).to.match(
        /^7 certificates match the state dir, cover .*IP:10\.240\.0\.100.*, expire in ≥ 36[45] days$/,
      );
    });
    it("GIVEN another worker's cert in place THEN fail: stale certificate, fix names the role; and the SANs miss", () => {
      const seen = hostAsBuilt('worker-1');
      seen.set('/var/lib/kubelet/worker-1.pem', pem('kubelet-worker-2'));
      const f = judge('worker-1', seen);
      expect(f.map((x) => x.verdict)).to.deep.equal(['fail', 'fail']);
      expect(f[0]!.summary).to.equal(
        "stale certificate on the host: /var/lib/kubelet/worker-1.pem on worker-1 is not the state dir's pki/kubelet-worker-1.pem",
      );
      expect(f[0]!.fix).to.equal('orchestrate apply playbooks/cluster.ts --role kubelet');
      expect(f[1]!.summary).to.contain('lacks the SANs DNS:worker-1, IP:10.240.0.21');
    });
    it('GIVEN a new API address not yet applied THEN fail naming the missing SAN on the apiserver cert only', () => {
      const model = kthwModel({ apiAddresses: ['10.240.0.100', '10.240.0.6'] });
      const f = judge('controller-0', hostAsBuilt('controller-0'), { model });
      expect(f).to.have.length(1);
      expect(f[0]!.summary).to.match(
        /^\/var\/lib\/kubernetes\/kubernetes\.pem on controller-0 lacks the SAN IP:10\.240\.0\.6: /,
      );
      expect(f[0]!.fix).to.contain(
        're-run orchestrate apply playbooks/cluster.ts: it reissues the certificates whose SANs change',
      );
    });
    it('GIVEN a state dir without the certs (not built by orchestrate) THEN no match, still SANs and expiry', () => {
      const f = judge('worker-1', hostAsBuilt('worker-1'), { state: new Map() });
      expect(f[0]!.verdict).to.equal('ok');
      expect(f[0]!.summary).to.contain('0 of them match the state dir; it has no copy of the rest');
    });
    it('GIVEN 340 days later THEN warn for each cert inside the 30-day window; 400 days later THEN fail expired', () => {
      const late = judge('worker-1', hostAsBuilt('worker-1'), { now: new Date(issued.getTime() + 340 * DAY) });
      expect(late.map((x) => x.verdict)).to.deep.equal(['warn']);
      expect(late[0]!.summary).to.match(
        /^\/var\/lib\/kubelet\/worker-1\.pem on worker-1 expires in 2[45] days \(renewal window 30\)$/,
      );
      const expired = judge('worker-1', hostAsBuilt('worker-1'), { now: new Date(issued.getTime() + 400 * DAY) });
      expect(expired.map((x) => x.verdict)).to.deep.equal(['fail']);
      expect(expired[0]!.summary).to.contain('expired on');
    });
    it('GIVEN a missing file THEN fail with its path', () => {
      const seen = hostAsBuilt('controller-0');
      seen.set('/etc/etcd/etcd-peer.pem', null);
      const f = judge('controller-0', seen);
      expect(f).to.have.length(1);
      expect(f[0]!.summary).to.equal(
        '/etc/etcd/etcd-peer.pem (the etcd-peer-controller-0 certificate) is missing on controller-0',
      );
      expect(f[0]!.fix).to.equal('orchestrate apply playbooks/cluster.ts --role etcd');
    });
    it('GIVEN garbage in a file THEN fail, no crash', () => {
      const seen = hostAsBuilt('worker-1');
      seen.set('/var/lib/kubelet/ca.pem', '');
      expect(judge('worker-1', seen)[0]!.summary).to.contain('holds no readable certificate');
    });
  });

  describe('the snippet', () => {
    it('parses under sh and bash', () =>
      checkSyntax(certFilesProbe(hostCertFiles(kthwModel(), 'controller-0').map((f) => f.path))));
    it('runs here: prints certificate blocks only (a key in the same file is never printed), missing files named', () => {
      const tmp = tempDir('orchestrate-doctor-');
      const combined = join(tmp, 'combined.pem');
      const key = readFileSync(join(dir, 'pki', 'kubelet-worker-1-key.pem'), 'utf8');
      writeFileSync(combined, `${key}${pem('kubelet-worker-1')}`);
      writeFileSync(join(tmp, 'ca.pem'), pem('ca'));
      const paths = [join(tmp, 'ca.pem'), combined, join(tmp, "it's missing.pem")];
      const out = execFileSync('sh', ['-c', certFilesProbe(paths)], { encoding: 'utf8' });
      expect(out).to.not.contain('PRIVATE KEY');
      const seen = parseCatFiles(out);
      expect(seen.get(paths[2]!)).to.equal(null);
      const files: HostCertFile[] = [
        { path: paths[0]!, cert: 'ca', roles: ['kubelet'] },
        { path: paths[1]!, cert: 'kubelet-worker-1', roles: ['kubelet'] },
      ];
      const f = judgeCertificates('worker-1', files, seen, input());
      expect(f.map((x) => x.verdict)).to.deep.equal(['ok']);
      expect(f[0]!.summary).to.match(/^2 certificates match the state dir, cover DNS:worker-1, IP:10\.240\.0\.21/);
    });
  });
});
