// orchestrate verify on 1 controller + 2 workers running the test doubles: real etcd, so the encryption-at-rest
// test reads the Secret back from etcd for real; the apiserver double schedules nothing, so verify must say
// CANNOT VERIFY (the API answers like a test double) with a non-zero exit, and clean up its namespace.

import { expect } from 'chai';
import { join } from 'node:path';
import { labDown } from '../../src/lab/index.ts';
import { adminApi, doublesLabUp } from './support/doubles-lab.ts';
import { cli, dropLab, labStateDir, onHost } from './support/lab.ts';

const LAB = 'e2e-verify';
const API = 'https://10.240.0.10:6443';

interface Report {
  status: number;
  host: string;
  results: { test: string; outcome: string; summary: string; evidence: string[]; fix?: string }[];
}

describe('e2e: orchestrate verify on a lab running the Kubernetes test doubles', function () {
  this.timeout(900_000);
  let api: ReturnType<typeof adminApi>;

  before(async () => {
    await labDown(LAB).catch(() => undefined);
    await doublesLabUp(LAB, 1, 2);
    api = adminApi(LAB, join(await labStateDir(LAB), 'pki'), API);
    // etcd + apiserver, the workers' kubelets (their doubles register Ready nodes), the admin client files.
    const setup = [
      ['apply', 'playbooks/control-plane.ts', '--role', 'etcd,kube-apiserver'],
      ['apply', 'playbooks/workers.ts'],
      ['apply', 'playbooks/nodes.ts', '--role', 'kube-rbac,kubelet'],
    ];
    for (const args of setup) {
      const r = await cli(LAB, args);
      if (r.code !== 0) throw new Error(`setup: ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  });
  after(async () => dropLab(LAB));

  it('reports the double honestly (CANNOT VERIFY, exit 2), reads the Secret back from the real etcd, and cleans up', async () => {
    const r = await cli(LAB, ['verify', '--json', '--wait', '10']);
    const report = JSON.parse(r.stdout) as Report;
    const byId = new Map(report.results.map((x) => [x.test, x]));
    const line = (id: string) => JSON.stringify(byId.get(id));
    expect(r.code, r.stderr + r.stdout).to.equal(2);
    expect(report.status).to.equal(2);
    expect(report.host).to.equal('controller-0');
    expect(byId.get('api')?.outcome, line('api')).to.equal('pass');
    expect(byId.get('api')?.evidence.join('\n')).to.contain('not an upstream release version');
    expect(byId.get('namespace')?.outcome, line('namespace')).to.equal('pass');
    // Real etcd, read with etcdctl on the controller: the value carries the aescbc prefix, not the plaintext.
    const enc = byId.get('encryption-at-rest')!;
    expect(enc.outcome, line('encryption-at-rest')).to.equal('pass');
    expect(enc.evidence.join('\n')).to.contain('starting k8s:enc:aescbc:v1:key1:').and.contain('is not in them');
    const dep = byId.get('deployment')!;
    expect(dep.outcome, line('deployment')).to.equal('unverifiable');
    expect(dep.summary)
      .to.contain(
        `the API at https://127.0.0.1:6443 answers like a test double (gitVersion v1.32.3-orchestrate-test-double)`,
      )
      .and.contain('cannot verify');
    for (const id of ['port-forward', 'logs', 'exec', 'node-port', 'dns']) {
      expect(byId.get(id)?.outcome, line(id)).to.equal('skipped');
      expect(byId.get(id)?.summary).to.equal('needs deployment, which could not be verified');
    }
    expect(byId.get('cleanup')?.outcome, line('cleanup')).to.equal('pass');
    // Gone from the API and from etcd (the double deletes a namespace's objects with it).
    expect(
      (await api('/api/v1/namespaces/orchestrate-verify', '-o', '/dev/null', '-w', '%{http_code}')).stdout,
    ).to.equal('404');
    const etcd = await onHost(
      LAB,
      'controller-0',
      'ETCDCTL_API=3 etcdctl --endpoints=https://10.240.0.10:2379 --cacert=/var/lib/kubernetes/ca.pem ' +
        '--cert=/var/lib/kubernetes/apiserver-etcd-client.pem --key=/var/lib/kubernetes/apiserver-etcd-client-key.pem ' +
        'get --prefix --keys-only /registry/secrets/orchestrate-verify/',
    );
    expect(etcd.trim()).to.equal('');
    // The plaintext never reaches the report.
    expect(r.stdout).not.to.match(/orchestrate-verify-[0-9a-f]{32}/);
  });

  it('prints the same verdicts for people, naming the exit', async () => {
    const r = await cli(LAB, ['verify', '--wait', '10']);
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stdout)
      .to.contain('CANNOT VERIFY  deployment')
      .and.contain('answers like a test double')
      .and.contain('pass           encryption-at-rest')
      .and.contain('exit 2 (a test failed or could not verify the cluster)');
  });
});
