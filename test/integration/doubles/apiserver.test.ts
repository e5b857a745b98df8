// The kube-apiserver double: etcd checked first; health public, the API only for client certs of the CA;
// server-side apply echoed and stored; every API request in requests.jsonl; it says it is a double.

import { expect } from 'chai';
import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kthwFixture, type Fixture } from '../../doubles/fixtures.ts';
import { fakeEtcd, type FakeEtcd } from './fake-etcd.ts';
import type { DoubleComponent } from '../../doubles/build.ts';
import { issue, makeCa } from '../../doubles/test-pki.ts';
import {
  doublesFor,
  freePort,
  httpsGet,
  killAll,
  runDoubleToExit,
  startDouble,
  waitFor,
  type DoubleProcess,
} from './support.ts';
import { tempFiles } from '../../support/temp-dir.ts';

const CLUSTER_ROLE = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'system:kube-apiserver-to-kubelet', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
  rules: [
    {
      apiGroups: [''],
      resources: ['nodes/proxy', 'nodes/stats', 'nodes/log', 'nodes/spec', 'nodes/metrics'],
      verbs: ['*'],
    },
  ],
};

describe('doubles/kube-apiserver', function () {
  this.timeout(60_000);
  const tmp = tempFiles();
  const stateDir = join(tmp.dir, 'state');
  let doubles: Record<DoubleComponent, string>;
  let fx: Fixture;
  let etcd: FakeEtcd;
  let api: DoubleProcess;
  let base: string;
  const env = (): NodeJS.ProcessEnv => ({
    ORCHESTRATE_DOUBLE_STATE_DIR: stateDir,
    ORCHESTRATE_DOUBLE_ETCD_WAIT_S: '1',
  });
  const asAdmin = (path: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
    httpsGet(`${base}${path}`, { ca: fx.ca.certPem, cert: fx.admin.certPem, key: fx.admin.keyPem, ...opts });
  const apply = (path: string, obj: object, manager = 'orchestrate') =>
    asAdmin(`${path}?fieldManager=${manager}`, {
      method: 'PATCH',
      body: stringify(obj),
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });

  before(async () => {
    doubles = await doublesFor('1.32.3');
    const ports = { apiserver: await freePort(), etcd: await freePort() };
    base = `https://127.0.0.1:${ports.apiserver}`;
    fx = kthwFixture({ dir: tmp.dir, ports, etcdServers: `https://127.0.0.1:${ports.etcd}` });
    for (const [n, t] of Object.entries(fx.files)) tmp.write(n, t);
    etcd = await fakeEtcd(ports.etcd, {
      cert: fx.files['kubernetes.pem']!,
      key: fx.files['kubernetes-key.pem']!,
      caPem: fx.ca.certPem,
    });
    api = startDouble(doubles['kube-apiserver'], fx.args['kube-apiserver'], env());
    await waitFor(api, 'serving on');
  });

  after(() => {
    killAll();
    void etcd?.close();
    tmp.rm();
  });

  it('health and /version need no credentials; /version and a header say it is a double', async () => {
    for (const p of ['/healthz', '/livez', '/readyz'])
      expect(await httpsGet(`${base}${p}`, { ca: fx.ca.certPem })).to.include({ status: 200, body: 'ok' });
    const v = await httpsGet(`${base}/version`, { ca: fx.ca.certPem });
    expect(JSON.parse(v.body)).to.include({ major: '1', minor: '32', gitVersion: 'v1.32.3-orchestrate-test-double' });
    expect(v.headers['x-orchestrate-test-double']).to.equal('kube-apiserver');
  });

  it('the API: 403 anonymous, 401 for a cert of another CA, discovery for the admin', async () => {
    expect((await httpsGet(`${base}/api`, { ca: fx.ca.certPem })).status).to.equal(403);
    const other = issue(makeCa('other-ca'), { cn: 'admin', orgs: ['system:masters'], usage: 'client' });
    expect(
      (await httpsGet(`${base}/api`, { ca: fx.ca.certPem, cert: other.certPem, key: other.keyPem })).status,
    ).to.equal(401);
    expect(JSON.parse((await asAdmin('/api')).body).versions).to.deep.equal(['v1']);
    const groups = JSON.parse((await asAdmin('/apis')).body).groups.map((g: { name: string }) => g.name);
    expect(groups).to.include.members(['apps', 'rbac.authorization.k8s.io', 'discovery.k8s.io']);
    const rbac = JSON.parse((await asAdmin('/apis/rbac.authorization.k8s.io/v1')).body);
    expect(rbac.resources.map((r: { name: string }) => r.name)).to.include('clusterroles');
  });

  it('service-account tokens signed with the signing key authenticate; others get 401', async () => {
    const jwt = (keyPem: string, iss: string): string => {
      const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
      const body = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iss, sub: 'system:serviceaccount:kube-system:coredns', exp: Math.floor(Date.now() / 1000) + 600 })}`;
      return `${body}.${sign('sha256', Buffer.from(body), keyPem).toString('base64url')}`;
    };
    const get = (token: string) =>
      httpsGet(`${base}/api`, { ca: fx.ca.certPem, headers: { Authorization: `Bearer ${token}` } });
    expect((await get(jwt(fx.files['service-account-key.pem']!, base))).status).to.equal(200);
    expect((await get(jwt(fx.files['kubernetes-key.pem']!, base))).status).to.equal(401);
    expect((await get(jwt(fx.files['service-account-key.pem']!, 'https://elsewhere'))).status).to.equal(401);
  });

  it('server-side apply: 201 with uid and resourceVersion, re-apply 200 and unchanged, GET returns it', async () => {
    const path = `/apis/rbac.authorization.k8s.io/v1/clusterroles/${encodeURIComponent(CLUSTER_ROLE.metadata.name)}`;
    const first = await apply(path, CLUSTER_ROLE);
    expect(first.status, first.body).to.equal(201);
    const created = JSON.parse(first.body);
    expect(created.metadata.uid).to.be.a('string');
    expect(created.rules).to.deep.equal(CLUSTER_ROLE.rules);
    const again = JSON.parse((await apply(path, CLUSTER_ROLE)).body);
    expect(again.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
    expect(again.metadata.uid).to.equal(created.metadata.uid);
    expect(JSON.parse((await asAdmin(path)).body).metadata.managedFields[0].manager).to.equal('orchestrate');
    const changed = await apply(path, { ...CLUSTER_ROLE, rules: [] });
    expect(JSON.parse(changed.body).metadata.resourceVersion).to.not.equal(created.metadata.resourceVersion);
  });

  it('apply errors as the real one: no fieldManager, name mismatch, missing namespace, a ClusterIP outside the range', async () => {
    const noManager = await asAdmin('/api/v1/namespaces/kube-system/serviceaccounts/coredns', {
      method: 'PATCH',
      body: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: coredns}\n',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
    });
    expect(noManager.status).to.equal(400);
    expect(
      (
        await apply('/api/v1/namespaces/kube-system/serviceaccounts/other', {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'coredns' },
        })
      ).status,
    ).to.equal(400);
    const missingNs = await apply('/api/v1/namespaces/nope/configmaps/x', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    });
    expect(missingNs.status).to.equal(404);
    expect(JSON.parse(missingNs.body).message).to.equal('namespaces "nope" not found');
    const svc = (ip: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system' },
      spec: { clusterIP: ip, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    });
    const outside = await apply('/api/v1/namespaces/kube-system/services/kube-dns', svc('10.0.0.10'));
    expect(outside.status).to.equal(422);
    expect(JSON.parse(outside.body).message).to.include('The range of valid IPs is 10.32.0.0/24');
    expect((await apply('/api/v1/namespaces/kube-system/services/kube-dns', svc('10.32.0.10'))).status).to.equal(201);
    expect(
      (await apply('/api/v1/namespaces/default/services/other', { ...svc('10.32.0.1'), metadata: { name: 'other' } }))
        .status,
    ).to.equal(422);
  });

  it('the kubernetes Service has the first IP of --service-cluster-ip-range', async () => {
    const svc = JSON.parse((await asAdmin('/api/v1/namespaces/default/services/kubernetes')).body);
    expect(svc.spec.clusterIP).to.equal('10.32.0.1');
  });

  it('records every API request (not health checks) in requests.jsonl', async () => {
    const lines = readFileSync(join(stateDir, 'requests.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.path === '/healthz')).to.equal(false);
    const applied = lines.find(
      (l) => l.method === 'PATCH' && l.path.endsWith('/clusterroles/system:kube-apiserver-to-kubelet'),
    );
    expect(applied).to.include({
      contentType: 'application/apply-patch+yaml',
      fieldManager: 'orchestrate',
      user: 'admin',
      status: 201,
    });
    expect(applied.groups).to.deep.equal(['system:masters']);
    expect(applied.body.rules).to.deep.equal(CLUSTER_ROLE.rules);
    expect(lines.find((l) => l.path === '/api' && l.status === 403)).to.include({ user: 'system:anonymous' });
  });

  it("secrets are stored in etcd under /registry, encrypted with aescbc (KTHW's smoke test), and read back", async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'kubernetes-the-hard-way' },
      data: { mykey: Buffer.from('mydata').toString('base64') },
    };
    expect((await apply('/api/v1/namespaces/default/secrets/kubernetes-the-hard-way', secret)).status).to.equal(201);
    const raw = etcd.data.get('/registry/secrets/default/kubernetes-the-hard-way')!.value;
    expect(raw.subarray(0, 23).toString()).to.equal('k8s:enc:aescbc:v1:key1:');
    expect(raw.includes(Buffer.from('mydata'))).to.equal(false);
    expect(
      JSON.parse((await asAdmin('/api/v1/namespaces/default/secrets/kubernetes-the-hard-way')).body).data,
    ).to.deep.equal(secret.data);
    expect(
      JSON.parse(etcd.data.get('/registry/clusterroles/system:kube-apiserver-to-kubelet')!.value.toString()).kind,
    ).to.equal('ClusterRole');
  });

  it('the kubectl double applies server-side and reads back through the apiserver double', async () => {
    const kubeconfig = `--kubeconfig=${tmp.dir}/admin.kubeconfig`;
    const manifest = tmp.write(
      'coredns-sa.yaml',
      stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } }) +
        '---\n' +
        stringify(CLUSTER_ROLE),
    );
    const applied = await runDoubleToExit(doubles.kubectl, [
      kubeconfig,
      'apply',
      '--server-side',
      '--field-manager=orchestrate',
      '-f',
      manifest,
    ]);
    expect(applied).to.deep.equal({
      code: 0,
      output:
        'serviceaccount/coredns serverside-applied\nclusterrole.rbac.authorization.k8s.io/system:kube-apiserver-to-kubelet serverside-applied\n',
    });
    const got = await runDoubleToExit(doubles.kubectl, [
      kubeconfig,
      'get',
      'sa',
      'coredns',
      '-n',
      'kube-system',
      '-o',
      'json',
    ]);
    expect(JSON.parse(got.output).metadata.namespace).to.equal('kube-system');
    expect((await runDoubleToExit(doubles.kubectl, [kubeconfig, 'version'])).output).to.equal(
      'Client Version: v1.32.3-orchestrate-test-double\nServer Version: v1.32.3-orchestrate-test-double\n',
    );
    const missing = await runDoubleToExit(doubles.kubectl, [kubeconfig, 'get', 'clusterrole', 'nope']);
    expect(missing).to.deep.include({ code: 1 });
    expect(missing.output).to.include(
      'Error from server (NotFound): clusterroles.rbac.authorization.k8s.io "nope" not found',
    );
    expect((await runDoubleToExit(doubles.kubectl, [kubeconfig, 'get', 'nodes', '--wacth'])).output).to.equal(
      'error: unknown flag: --wacth\n',
    );
  });

  it('objects live in etcd (a restarted apiserver has them), and readyz fails when etcd stops answering', async () => {
    await api.stop();
    api = startDouble(doubles['kube-apiserver'], fx.args['kube-apiserver'], env());
    await waitFor(api, 'serving on');
    expect(
      (await asAdmin('/apis/rbac.authorization.k8s.io/v1/clusterroles/system:kube-apiserver-to-kubelet')).status,
    ).to.equal(200);
    await etcd.close();
    await new Promise((r) => setTimeout(r, 4500));
    expect((await httpsGet(`${base}/readyz`, { ca: fx.ca.certPem })).status).to.equal(500);
    expect((await httpsGet(`${base}/livez`, { ca: fx.ca.certPem })).status).to.equal(200);
  });

  it('exits 1 when etcd does not answer, or presents a cert the etcd CA did not sign', async () => {
    const silent = await runDoubleToExit(doubles['kube-apiserver'], fx.args['kube-apiserver'], env(), 15_000);
    expect(silent.code).to.equal(1);
    expect(silent.output).to.include('no endpoint of --etcd-servers answered /health');
    const port = await freePort();
    const rogue = issue(makeCa('rogue'), { cn: 'etcd', sans: ['127.0.0.1'] });
    const s = createServer({ cert: rogue.certPem, key: rogue.keyPem }, (_q, res) => res.end('{"health":"true"}'));
    await new Promise<void>((r) => s.listen(port, '127.0.0.1', r));
    const args = fx.args['kube-apiserver'].map((a) =>
      a.startsWith('--etcd-servers=') ? `--etcd-servers=https://127.0.0.1:${port}` : a,
    );
    const bad = await runDoubleToExit(doubles['kube-apiserver'], args, env());
    s.close();
    expect(bad.code).to.equal(1);
    expect(bad.output).to.match(/etcd: https:\/\/127\.0\.0\.1:\d+: \S+: (unable to verify|self.signed)/i);
  });

  it('refuses a signing key that is not among the verification keys, and an unknown admission plugin', async () => {
    const args = fx.args['kube-apiserver'].map((a) =>
      a.startsWith('--service-account-key-file=')
        ? `--service-account-key-file=${tmp.dir}/ca.pem`
        : a.startsWith('--enable-admission-plugins=')
          ? '--enable-admission-plugins=PodSecurityPolicy'
          : a,
    );
    const r = await runDoubleToExit(doubles['kube-apiserver'], args, env());
    expect(r.code).to.equal(1);
    expect(r.output)
      .to.include('tokens the apiserver issues would not verify')
      .and.include('"PodSecurityPolicy" unknown');
  });
});
