// playbooks/nodes.ts on 1 controller + 2 workers: control plane and workers' OS layer first (their playbooks:
// real etcd and containerd, Kubernetes doubles), then RBAC, kubelet, kube-proxy and CoreDNS; re-apply
// changed = 0; a loopback resolver stops the kubelet role with the CoreDNS-loop error until dns.upstream is set.

import { expect } from 'chai';
import { join } from 'node:path';
import { labDown } from '../../src/lab/index.ts';
import { actAsDeploymentController, adminApi, doublesLabUp } from './support/doubles-lab.ts';
import { cli, cliJson, dropLab, labStateDir, onHost, onHosts, startCli } from './support/lab.ts';

const LAB = 'e2e-nodes';
const WORKERS = ['worker-0', 'worker-1'];
const HOSTS = ['controller-0', ...WORKERS];
const API = 'https://10.240.0.10:6443';
const DEPLOYMENT = '/apis/apps/v1/namespaces/kube-system/deployments/coredns';
const UPSTREAM = JSON.stringify({ dns: { upstream: ['10.240.0.1'] } });

describe('e2e: playbooks/nodes.ts (kubelet, kube-proxy, RBAC, CoreDNS) on 1 controller + 2 workers', function () {
  this.timeout(900_000);
  let api: ReturnType<typeof adminApi>;

  before(async () => {
    await labDown(LAB).catch(() => undefined);
    await doublesLabUp(LAB, 1, 2);
    api = adminApi(LAB, join(await labStateDir(LAB), 'pki'), API);
    // Only what the node layer talks to: etcd and the apiserver (the doubles run no controllers anyway).
    const setup = [
      ['apply', 'playbooks/control-plane.ts', '--role', 'etcd,kube-apiserver'],
      ['apply', 'playbooks/workers.ts'],
    ];
    for (const args of setup) {
      const r = await cli(LAB, args);
      if (r.code !== 0) throw new Error(`setup: ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  });
  after(async () => dropLab(LAB));

  it('applies RBAC, kubelet, kube-proxy and CoreDNS; the doubles accept every config; the CoreDNS gate waits for the rollout', async () => {
    const run = await startCli(LAB, ['apply', 'playbooks/nodes.ts', '--json']);
    let finished = false;
    const controller = actAsDeploymentController(api, () => finished);
    const r = await run.done;
    finished = true;
    expect(await controller, 'the Deployment was applied and its status written').to.equal('status written');
    expect(r.code, r.stderr).to.equal(0);
    const active = await onHosts(
      LAB,
      WORKERS,
      'systemctl is-active kubelet kube-proxy; curl -fsS http://127.0.0.1:10248/healthz; echo; curl -fsS http://127.0.0.1:10256/healthz >/dev/null && echo proxy-ok',
    );
    for (const w of WORKERS) expect(active[w], w).to.equal('active\nactive\nok\nproxy-ok\n');
    const config = await onHost(LAB, 'worker-1', 'cat /var/lib/kubelet/kubelet-config.yaml');
    expect(config)
      .to.contain('resolvConf: /etc/resolv.conf')
      .and.contain('podCIDR: 10.200.1.0/24')
      .and.contain('- 10.32.0.10');
    // The API as the doubles recorded it: server-side applies by our field manager, as admin.
    const log = await onHost(LAB, 'controller-0', 'cat /var/lib/kube-apiserver-double/requests.jsonl');
    const applies = log
      .split('\n')
      .filter((l) => l.includes('"method":"PATCH"') && l.includes('"fieldManager":"orchestrate"'));
    expect(applies.map((l) => (JSON.parse(l) as { path: string }).path)).to.include.members([
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/system:kube-apiserver-to-kubelet',
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:kube-apiserver',
      '/api/v1/namespaces/kube-system/configmaps/coredns',
      DEPLOYMENT,
      '/api/v1/namespaces/kube-system/services/kube-dns',
    ]);
    for (const l of applies) expect((JSON.parse(l) as { user: string }).user).to.equal('admin');
    const svc = JSON.parse((await api('/api/v1/namespaces/kube-system/services/kube-dns', '-f')).stdout);
    expect(svc.spec.clusterIP).to.equal('10.32.0.10');
    const binding = JSON.parse(
      (await api('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:kube-apiserver', '-f')).stdout,
    );
    expect(binding.subjects).to.deep.equal([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'kubernetes' },
    ]);
    // The kubelet doubles registered their nodes through our kubeconfigs.
    const nodes = JSON.parse((await api('/api/v1/nodes', '-f')).stdout) as { items: { metadata: { name: string } }[] };
    expect(nodes.items.map((n) => n.metadata.name).sort()).to.deep.equal(WORKERS);
  });

  it('the second apply reports changed = 0 (no gate runs, no API write)', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/nodes.ts']);
    expect(code, `${stderr}\n${JSON.stringify(report)}`).to.equal(0);
    for (const h of HOSTS) expect(report.hosts[h]!.changed, h).to.equal(0);
    expect(report.changes).to.deep.equal([]);
  });

  it('a worker whose resolv.conf names a loopback nameserver stops the kubelet role with the CoreDNS-loop error', async () => {
    await onHost(LAB, 'worker-1', 'printf "nameserver 127.0.0.1\\n" > /etc/resolv.conf');
    const r = await cli(LAB, ['apply', 'playbooks/nodes.ts', '--limit', 'worker-1', '--role', 'kubelet']);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    const out = r.stdout + r.stderr;
    expect(out).to.contain('CoreDNS forwarding loop').and.contain('/etc/resolv.conf').and.contain('dns.upstream');
    expect(await onHost(LAB, 'worker-1', 'grep resolvConf /var/lib/kubelet/kubelet-config.yaml')).to.contain(
      '/etc/resolv.conf',
    );
  });

  it('with dns.upstream set the apply succeeds: the kubelet gets a resolv.conf of its own, then changed = 0', async () => {
    const first = await cliJson(LAB, [
      'apply',
      'playbooks/nodes.ts',
      '--limit',
      'worker-1',
      '--role',
      'kubelet',
      '-e',
      UPSTREAM,
    ]);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.report.changes.map((c) => c.task).sort()).to.deep.equal([
      'dns.upstream kubelet resolv.conf',
      'handler: restart kubelet',
      'kubelet config',
    ]);
    const files = await onHost(
      LAB,
      'worker-1',
      'cat /etc/orchestrate/kubelet-resolv.conf; grep resolvConf /var/lib/kubelet/kubelet-config.yaml; systemctl is-active kubelet',
    );
    expect(files)
      .to.contain('nameserver 10.240.0.1\n')
      .and.contain('resolvConf: /etc/orchestrate/kubelet-resolv.conf\nactive\n');
    const again = await cliJson(LAB, [
      'apply',
      'playbooks/nodes.ts',
      '--limit',
      'worker-1',
      '--role',
      'kubelet',
      '-e',
      UPSTREAM,
    ]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.report.hosts['worker-1']!.changed).to.equal(0);
  });
});
