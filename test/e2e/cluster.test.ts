// Issue 4's acceptance on 6 lab hosts (3 controllers, 3 workers): playbooks/cluster.ts builds the
// whole cluster (etcd, containerd, runc and CNI real; the Kubernetes binaries are test doubles).

import { expect } from 'chai';
import { join } from 'node:path';
import { labDown, labRun } from '../../src/lab/index.ts';
import { changeKeys, cliJson, dropLab, labStateDir, onHost, onHosts, startCli } from './support/lab.ts';
import { actAsDeploymentController, adminApi, doublesLabUp } from './support/doubles-lab.ts';
import { BUSYBOX_IMAGE, busyboxImage } from './support/busybox-image.ts';
import { uploadToHost } from './support/upload.ts';
import { rebootHost } from './support/reboot.ts';

const LAB = 'e2e-cluster';
const CONTROLLERS = ['controller-0', 'controller-1', 'controller-2'];
const WORKERS = ['worker-0', 'worker-1', 'worker-2'];
const ALL = [...CONTROLLERS, ...WORKERS];

describe('e2e: playbooks/cluster.ts on 3 controllers + 3 workers', function () {
  this.timeout(1_200_000);
  let api: ReturnType<typeof adminApi>;

  before(async () => {
    await labDown(LAB).catch(() => undefined);
    await Promise.all([doublesLabUp(LAB, 3, 3), busyboxImage()]);
    api = adminApi(LAB, join(await labStateDir(LAB), 'pki'), 'https://10.240.0.10:6443');
  });
  after(async () => dropLab(LAB));

  it('builds everything: every unit active, every gate passed, RBAC and CoreDNS reached the API', async () => {
    const run = await startCli(LAB, ['apply', 'playbooks/cluster.ts', '--json']);
    let finished = false;
    const controller = actAsDeploymentController(api, () => finished);
    const r = await run.done;
    finished = true;
    expect(r.code, `${r.stdout.slice(-2000)}\n${r.stderr.slice(-3000)}`).to.equal(0);
    expect(await controller).to.equal('status written');
    const units = 'etcd kube-apiserver kube-controller-manager kube-scheduler';
    for (const [h, out] of Object.entries(await onHosts(LAB, CONTROLLERS, `systemctl is-active ${units}`)))
      expect(out, h).to.equal('active\n'.repeat(4));
    for (const [h, out] of Object.entries(
      await onHosts(LAB, WORKERS, 'systemctl is-active containerd kubelet kube-proxy'),
    ))
      expect(out, h).to.equal('active\n'.repeat(3));
    const sysctls = await onHosts(
      LAB,
      ALL,
      'cat /proc/sys/net/bridge/bridge-nf-call-iptables /proc/sys/net/ipv4/ip_forward',
    );
    for (const h of ALL) expect(sysctls[h], h).to.equal('1\n1\n');
    // Pod routes: every host has a route to every other worker's pod CIDR.
    const routes = await onHosts(LAB, ALL, 'ip route show | grep "^10.200."');
    for (const h of ALL)
      for (const [i, w] of WORKERS.entries())
        if (w !== h) expect(routes[h], `${h} -> ${w}`).to.contain(`10.200.${i}.0/24 via 10.240.0.2${i}`);
    // The typed objects reached the API through server-side apply.
    const binding = await api('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:kube-apiserver', '-f');
    expect(JSON.parse(binding.stdout).subjects).to.deep.equal([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'kubernetes' },
    ]);
    const svc = await api('/api/v1/namespaces/kube-system/services/kube-dns', '-f');
    expect(JSON.parse(svc.stdout).spec.clusterIP).to.equal('10.32.0.10');
    const dep = JSON.parse((await api('/apis/apps/v1/namespaces/kube-system/deployments/coredns', '-f')).stdout);
    expect(dep.spec.replicas).to.equal(2);
  });

  it('a real container runs on each worker through containerd', async () => {
    const image = await busyboxImage();
    await Promise.all(WORKERS.map((w) => uploadToHost(LAB, w, image, '/root/busybox-oci.tar')));
    const out = await onHosts(
      LAB,
      WORKERS,
      `ctr images import /root/busybox-oci.tar >/dev/null && ctr run --rm --net-host --runc-systemd-cgroup --cgroup system.slice:${LAB}:$(hostname)-hello ${BUSYBOX_IMAGE} hello sh -c 'echo hello from $(hostname)'`,
    );
    for (const w of WORKERS) expect(out[w], w).to.equal(`hello from ${w}\n`);
  });

  it('the second apply reports changed = 0 on all six hosts, in 1 round trip each (facts and every role read at once)', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/cluster.ts']);
    expect(code, stderr).to.equal(0);
    for (const h of ALL) expect(report.hosts[h]!.changed, h).to.equal(0);
    for (const h of ALL) expect(report.hosts[h]!.roundTrips, h).to.equal(1);
  });

  it('after a guest reboot of a controller and a worker: pod routes, sysctls and every unit are back', async () => {
    const rebooted = ['controller-2', 'worker-2'];
    await Promise.all(rebooted.map((h) => rebootHost(LAB, h)));
    const routes = await onHosts(LAB, rebooted, 'ip route show | grep "^10.200."');
    for (const h of rebooted)
      for (const [i, w] of WORKERS.entries())
        if (w !== h) expect(routes[h], `${h} -> ${w} after reboot`).to.contain(`10.200.${i}.0/24 via 10.240.0.2${i}`);
    const state = await onHosts(
      LAB,
      rebooted,
      'cat /proc/sys/net/bridge/bridge-nf-call-iptables /proc/sys/net/ipv4/ip_forward; hostname',
    );
    for (const h of rebooted) expect(state[h], h).to.equal(`1\n1\n${h}\n`);
    // Units are enabled: they come back by themselves (etcd rejoins its peers, the doubles restart).
    const wait = (units: string) =>
      `for i in $(seq 1 60); do [ "$(systemctl is-active ${units} | sort -u)" = active ] && break; sleep 1; done; systemctl is-active ${units}`;
    expect(
      await onHost(LAB, 'controller-2', wait('etcd kube-apiserver kube-controller-manager kube-scheduler')),
    ).to.equal('active\n'.repeat(4));
    expect(await onHost(LAB, 'worker-2', wait('containerd kubelet kube-proxy'))).to.equal('active\n'.repeat(3));
  });

  it('--limit worker-2 --role kubelet touches only that host and that role', async () => {
    const drift = 'sed -i "s/^clusterDomain: .*/clusterDomain: drift.local/" /var/lib/kubelet/kubelet-config.yaml';
    await onHosts(LAB, ['worker-1', 'worker-2'], drift);
    const { code, report } = await cliJson(LAB, [
      'apply',
      'playbooks/cluster.ts',
      '--limit',
      'worker-2',
      '--role',
      'kubelet',
    ]);
    expect(code).to.equal(0);
    expect(Object.keys(report.hosts)).to.deep.equal(['worker-2']);
    expect(new Set(report.changes.map((c) => `${c.host}|${c.role}`))).to.deep.equal(new Set(['worker-2|kubelet']));
    expect(changeKeys(report)).to.include('worker-2|kubelet|handler: restart kubelet');
    expect(await onHost(LAB, 'worker-1', 'grep ^clusterDomain /var/lib/kubelet/kubelet-config.yaml')).to.equal(
      'clusterDomain: drift.local\n',
    );
    expect(await onHost(LAB, 'worker-2', 'grep ^clusterDomain /var/lib/kubelet/kubelet-config.yaml')).to.equal(
      'clusterDomain: cluster.local\n',
    );
  });

  it('a new API address is one re-run: only what carries it changes, only those services restart', async () => {
    const versions = { etcd: '3.4.23', containerd: '1.6.20', runc: '1.1.5', cni: '1.1.1' };
    const extra = JSON.stringify({ cluster: { versions, api: { addresses: ['10.240.0.11'] } } });
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/cluster.ts', '-e', extra]);
    expect(code, stderr).to.equal(0);
    const roles = new Set(report.changes.map((c) => c.role));
    // The API URL lives in the apiserver's issuer flag and in the workers' kubeconfigs; nothing else moves.
    expect([...roles].sort()).to.deep.equal(['kube-apiserver', 'kube-proxy', 'kubelet']);
    for (const c of report.changes) {
      if (c.role === 'kube-apiserver') expect(CONTROLLERS).to.include(c.host);
      else expect(WORKERS).to.include(c.host);
    }
    // One host at a time: in the run log each restart is followed by that host's gate before the next.
    const runs = join(await labStateDir(LAB), 'runs');
    const log = (await labRun(LAB, ['sh', '-c', `ls -t ${runs}/*.jsonl | head -1 | xargs cat`])).stdout;
    for (const role of ['kube-apiserver', 'kubelet', 'kube-proxy']) {
      const seq = log
        .split('\n')
        .filter(
          (l) => l.includes(`"role":"${role}"`) && (l.includes('"type":"handler"') || l.includes('"type":"health"')),
        )
        .map((l) => JSON.parse(l) as { type: string; host: string })
        .map((e) => `${e.type}:${e.host}`);
      expect(seq.length, role).to.be.greaterThan(0);
      for (let i = 0; i < seq.length; i += 2)
        expect(seq[i + 1], `${role}: ${seq.join(' ')}`).to.equal(seq[i]!.replace('handler:', 'health:'));
    }
    const kubeconfigs = await onHosts(
      LAB,
      WORKERS,
      'grep -h "server:" /var/lib/kubelet/kubeconfig /var/lib/kube-proxy/kubeconfig',
    );
    for (const w of WORKERS) expect(kubeconfigs[w], w).to.equal('    server: https://10.240.0.11:6443\n'.repeat(2));
    const again = await cliJson(LAB, ['apply', 'playbooks/cluster.ts', '-e', extra]);
    for (const h of ALL) expect(again.report.hosts[h]!.changed, h).to.equal(0);
  });
});
