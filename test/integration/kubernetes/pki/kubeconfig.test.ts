import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBECONFIGS, pkiFilesFor, renderKubeconfig } from '../../../../kubernetes/pki/index.ts';
import type { PkiComponent } from '../../../../kubernetes/pki/index.ts';
import { Secret, mask } from '../../../../src/secret.ts';
import { kthwModel, sharedState } from '../../../unit/kubernetes/pki/fixtures.ts';
import { tempDir } from '../../../support/temp-dir.ts';

interface KubectlView {
  'current-context': string;
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  users: { name: string; user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

/** What kubectl itself makes of a kubeconfig file. */
function kubectlView(text: string): KubectlView {
  const file = join(tempDir(), 'kubeconfig');
  writeFileSync(file, text, { mode: 0o600 });
  const out = execFileSync('kubectl', ['config', 'view', '--kubeconfig', file, '--raw', '-o', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, HOME: tempDir() },
  });
  return JSON.parse(out) as KubectlView;
}

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

/** Each kubeconfig a host receives: host, component, path, user, server, client cert name (docs/kthw.md#kubeconfigs). */
const TABLE: { host: string; component: PkiComponent; path: string; user: string; server: string; cert: string }[] = [
  ...[0, 1, 2].map((i) => ({
    host: `worker-${i}`,
    component: 'kubelet' as const,
    path: '/var/lib/kubelet/kubeconfig',
    user: `system:node:worker-${i}`,
    server: 'https://10.240.0.100:6443',
    cert: `kubelet-worker-${i}`,
  })),
  {
    host: 'worker-2',
    component: 'kube-proxy',
    path: '/var/lib/kube-proxy/kubeconfig',
    user: 'system:kube-proxy',
    server: 'https://10.240.0.100:6443',
    cert: 'kube-proxy',
  },
  {
    host: 'controller-0',
    component: 'kube-controller-manager',
    path: '/var/lib/kubernetes/kube-controller-manager.kubeconfig',
    user: 'system:kube-controller-manager',
    server: 'https://127.0.0.1:6443',
    cert: 'kube-controller-manager',
  },
  {
    host: 'controller-1',
    component: 'kube-scheduler',
    path: '/var/lib/kubernetes/kube-scheduler.kubeconfig',
    user: 'system:kube-scheduler',
    server: 'https://127.0.0.1:6443',
    cert: 'kube-scheduler',
  },
  {
    host: 'controller-2',
    component: 'admin',
    path: '/var/lib/kubernetes/admin.kubeconfig',
    user: 'admin',
    server: 'https://127.0.0.1:6443',
    cert: 'admin',
  },
];

describe('kubernetes/pki kubeconfigs', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = (await sharedState()).dir;
  });
  const pem = (name: string) => readFileSync(join(dir, 'pki', `${name}.pem`), 'utf8');

  function check(view: KubectlView, t: { user: string; server: string; cert: string }): void {
    expect(view['current-context']).to.equal('default');
    expect(view.clusters).to.have.length(1);
    expect(view.clusters[0]!.name).to.equal('kubernetes-the-hard-way');
    expect(view.clusters[0]!.cluster.server).to.equal(t.server);
    expect(b64(view.clusters[0]!.cluster['certificate-authority-data'])).to.equal(pem('ca'));
    expect(view.contexts).to.deep.equal([
      { name: 'default', context: { cluster: 'kubernetes-the-hard-way', user: t.user } },
    ]);
    expect(view.users[0]!.name).to.equal(t.user);
    expect(b64(view.users[0]!.user['client-certificate-data'])).to.equal(pem(t.cert));
    expect(b64(view.users[0]!.user['client-key-data'])).to.equal(
      readFileSync(join(dir, 'pki', `${t.cert}-key.pem`), 'utf8'),
    );
  }

  for (const t of TABLE)
    it(`${t.host} ${t.path}: kubectl reads it; user ${t.user}, server ${t.server}`, () => {
      const f = pkiFilesFor(kthwModel(), dir, t.host, t.component).find((x) => x.path === t.path)!;
      expect(f.mode).to.equal('0600');
      expect(f.content).to.be.instanceOf(Secret);
      check(kubectlView((f.content as Secret).reveal()), t);
    });

  it('the control machine admin.kubeconfig in the state dir: user admin, server = the API address', () => {
    check(kubectlView(readFileSync(join(dir, 'admin.kubeconfig'), 'utf8')), {
      user: 'admin',
      server: 'https://10.240.0.100:6443',
      cert: 'admin',
    });
  });

  it('is deterministic: same inputs, same bytes', () => {
    const a = pkiFilesFor(kthwModel(), dir, 'worker-0', 'kubelet')[3]!.content as Secret;
    const b = pkiFilesFor(kthwModel(), dir, 'worker-0', 'kubelet')[3]!.content as Secret;
    expect(a.reveal()).to.equal(b.reveal());
  });

  it('renders exactly the layout kubectl config set-* writes (golden) and is masked when printed', () => {
    const k = renderKubeconfig({
      clusterName: 'c',
      server: 'https://10.0.0.1:6443',
      user: 'system:node:n',
      caPem: 'CA\n',
      certPem: 'CERT\n',
      keyPem: 'THE-PRIVATE-KEY-PEM-0123456789\n',
    });
    expect(k.reveal()).to.equal(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        '    certificate-authority-data: Q0EK',
        '    server: https://10.0.0.1:6443',
        '  name: c',
        'contexts:',
        '- context:',
        '    cluster: c',
        '    user: system:node:n',
        '  name: default',
        'current-context: default',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: system:node:n',
        '  user:',
        '    client-certificate-data: Q0VSVAo=',
        `    client-key-data: ${Buffer.from('THE-PRIVATE-KEY-PEM-0123456789\n').toString('base64')}`,
        '',
      ].join('\n'),
    );
    expect(String(k)).to.equal('********');
    expect(mask(`oops ${Buffer.from('THE-PRIVATE-KEY-PEM-0123456789\n').toString('base64')}`)).to.not.include('VEhF');
  });

  it('KUBECONFIGS: workers use api.url, controllers 127.0.0.1', () => {
    const m = kthwModel({ apiAddresses: ['lb.example.org'] });
    expect(KUBECONFIGS.kubelet(m, 'w').server).to.equal('https://lb.example.org:6443');
    expect(KUBECONFIGS.kubeProxy(m).server).to.equal('https://lb.example.org:6443');
    expect(KUBECONFIGS.adminRemote(m).server).to.equal('https://lb.example.org:6443');
    expect(KUBECONFIGS.scheduler().server).to.equal('https://127.0.0.1:6443');
  });
});
