// playbooks/cluster.ts on 6 lab hosts (3 controllers, 3 workers) with the real programs built from their Go
// modules (the lab's mirror): a working Kubernetes, verify passing every test, then re-runs and changes.

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSums } from '../../kubernetes/artifacts/layout.ts';
import { labRun } from '../../src/lab/index.ts';
import {
  changeKeys,
  cli,
  cliJson,
  dropLab,
  freshLab,
  labStateDir,
  onHost,
  onHosts,
  waitFor,
  E2E_KUBERNETES,
  E2E_RELEASE,
} from './support/lab.ts';
import { rebootHost } from './support/reboot.ts';

// Another release line gets a lab of its own, so test/release-lines.sh can run beside the default's tests.
const LAB = E2E_KUBERNETES === undefined ? 'e2e-cluster' : `e2e-cluster-${E2E_KUBERNETES.replace(/\./g, '-')}`;
const CONTROLLERS = ['controller-0', 'controller-1', 'controller-2'];
const WORKERS = ['worker-0', 'worker-1', 'worker-2'];
const ALL = [...CONTROLLERS, ...WORKERS];
const V = E2E_RELEASE.kubernetes;
const MIRROR = '/var/cache/orchestrate/artifacts';
const KUBECTL = 'kubectl --kubeconfig /var/lib/kubernetes/admin.kubeconfig';
const ETCDCTL =
  'etcdctl --cacert=/var/lib/kubernetes/ca.pem --cert=/var/lib/kubernetes/apiserver-etcd-client.pem ' +
  '--key=/var/lib/kubernetes/apiserver-etcd-client-key.pem';

/** kubectl on the first controller, as admin; JSON parsed. */
async function kubectlJson<T>(args: string): Promise<T> {
  return JSON.parse(await onHost(LAB, 'controller-0', `${KUBECTL} ${args} -o json`)) as T;
}

interface NodeList {
  items: {
    metadata: { name: string };
    status: { nodeInfo: { kubeletVersion: string }; conditions: { type: string; status: string }[] };
  }[];
}

/** Worker name -> Ready status and kubelet version. */
async function nodes(): Promise<Record<string, string>> {
  const list = await kubectlJson<NodeList>('get nodes');
  return Object.fromEntries(
    list.items.map((n) => [
      n.metadata.name,
      `${n.status.conditions.find((c) => c.type === 'Ready')?.status} ${n.status.nodeInfo.kubeletVersion}`,
    ]),
  );
}

interface PodList {
  items: { metadata: { name: string }; spec: { nodeName?: string }; status: { phase: string } }[];
}

describe('e2e: playbooks/cluster.ts builds a real Kubernetes on 3 controllers + 3 workers', function () {
  this.timeout(1_800_000);

  before(async () => freshLab(LAB, { kind: 'cluster', controllers: 3, workers: 3 }));
  after(async () => dropLab(LAB));

  it('builds it: 3 workers Ready at the requested version, /readyz on every apiserver, etcd healthy, CoreDNS available', async () => {
    const r = await cli(LAB, ['apply', 'playbooks/cluster.ts']);
    expect(r.code, `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).to.equal(0);
    for (const [h, out] of Object.entries(
      await onHosts(LAB, CONTROLLERS, 'systemctl is-active etcd kube-apiserver kube-controller-manager kube-scheduler'),
    ))
      expect(out, h).to.equal('active\n'.repeat(4));
    for (const [h, out] of Object.entries(
      await onHosts(LAB, WORKERS, 'systemctl is-active containerd kubelet kube-proxy'),
    ))
      expect(out, h).to.equal('active\n'.repeat(3));
    await waitFor(async () => Object.values(await nodes()).filter((s) => s === `True v${V}`).length === 3, 120_000);
    expect(await nodes()).to.deep.equal(Object.fromEntries(WORKERS.map((w) => [w, `True v${V}`])));
    for (const [i, c] of CONTROLLERS.entries())
      expect(
        await onHost(LAB, 'controller-0', `${KUBECTL} --server https://10.240.0.1${i}:6443 get --raw /readyz`),
        c,
      ).to.equal('ok');
    const health = await onHost(
      LAB,
      'controller-0',
      `${ETCDCTL} --endpoints=https://10.240.0.10:2379,https://10.240.0.11:2379,https://10.240.0.12:2379 endpoint health 2>&1`,
    );
    for (const i of [0, 1, 2]) expect(health).to.match(new RegExp(`https://10\\.240\\.0\\.1${i}:2379 is healthy`));
    // The controller-manager and scheduler serve /healthz over TLS on every controller (what componentstatuses read).
    for (const [h, out] of Object.entries(
      await onHosts(
        LAB,
        CONTROLLERS,
        'curl -sk https://127.0.0.1:10257/healthz; echo; curl -sk https://127.0.0.1:10259/healthz',
      ),
    ))
      expect(out, h).to.equal('ok\nok');
    const dns = await kubectlJson<{ status: { availableReplicas?: number } }>('-n kube-system get deployment coredns');
    expect(dns.status.availableReplicas).to.equal(2);
  });

  it('runs the programs of the mirror: every binary on the hosts has the sha256 of SHA256SUMS, and they say their version', async () => {
    const sums = parseSums(readFileSync(join(MIRROR, 'kubernetes', V, 'SHA256SUMS'), 'utf8'));
    const want = (b: string) => sums.get(`amd64/${b}`);
    const onControllers = await onHosts(
      LAB,
      CONTROLLERS,
      'cd /usr/local/bin && sha256sum kube-apiserver kube-controller-manager kube-scheduler kubectl',
    );
    for (const h of CONTROLLERS)
      for (const [file, sha] of parseSums(onControllers[h]!)) expect(sha, `${h} ${file}`).to.equal(want(file));
    const onWorkers = await onHosts(LAB, WORKERS, 'cd /usr/local/bin && sha256sum kubelet kube-proxy');
    for (const h of WORKERS)
      for (const [file, sha] of parseSums(onWorkers[h]!)) expect(sha, `${h} ${file}`).to.equal(want(file));
    expect(await onHost(LAB, 'controller-0', 'kube-apiserver --version')).to.equal(`Kubernetes v${V}\n`);
    const version = await kubectlJson<{ serverVersion: { gitVersion: string } }>('version');
    expect(version.serverVersion.gitVersion).to.equal(`v${V}`);
  });

  it('orchestrate verify passes every test for real, none skipped', async () => {
    const r = await cli(LAB, ['verify', '--json']);
    const report = JSON.parse(r.stdout) as {
      status: number;
      results: { test: string; outcome: string; summary: string }[];
    };
    const outcomes = Object.fromEntries(report.results.map((x) => [x.test, `${x.outcome}: ${x.summary}`]));
    expect(r.code, JSON.stringify(outcomes, null, 1)).to.equal(0);
    for (const id of [
      'api',
      'namespace',
      'encryption-at-rest',
      'deployment',
      'port-forward',
      'logs',
      'exec',
      'node-port',
      'dns',
      'pod-network',
      'cleanup',
    ])
      expect(outcomes[id], id).to.match(/^pass: /);
    const enc = report.results.find((x) => x.test === 'encryption-at-rest') as unknown as { evidence: string[] };
    expect(enc.evidence.join('\n')).to.contain('k8s:enc:aescbc:v1:key1:');
  });

  it('the second apply reports changed = 0 on all six hosts, in 1 round trip each', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/cluster.ts']);
    expect(code, stderr).to.equal(0);
    for (const h of ALL) expect(report.hosts[h]!.changed, h).to.equal(0);
    for (const h of ALL) expect(report.hosts[h]!.roundTrips, h).to.equal(1);
  });

  it('--limit worker-2 --role kubelet touches only that host and that role', async () => {
    const drift =
      'sed -i "s/^runtimeRequestTimeout: .*/runtimeRequestTimeout: 14m/" /var/lib/kubelet/kubelet-config.yaml';
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
    expect(await onHost(LAB, 'worker-1', 'grep ^runtimeRequestTimeout /var/lib/kubelet/kubelet-config.yaml')).to.equal(
      'runtimeRequestTimeout: 14m\n',
    );
    expect(await onHost(LAB, 'worker-2', 'grep ^runtimeRequestTimeout /var/lib/kubelet/kubelet-config.yaml')).to.equal(
      'runtimeRequestTimeout: 15m\n',
    );
    // Put worker-1 back, so later tests start from the built state.
    expect(
      (await cliJson(LAB, ['apply', 'playbooks/cluster.ts', '--limit', 'worker-1', '--role', 'kubelet'])).code,
    ).to.equal(0);
    await waitFor(async () => Object.values(await nodes()).every((s) => s === `True v${V}`), 120_000);
  });

  it("a worker's guest reboot: the node is Ready again and its pods Running, without any apply", async () => {
    const before = await kubectlJson<PodList>('-n kube-system get pods');
    const onWorker2 = before.items.filter((p) => p.spec.nodeName === 'worker-2').map((p) => p.metadata.name);
    await rebootHost(LAB, 'worker-2');
    await waitFor(async () => (await nodes())['worker-2'] === `True v${V}`, 180_000);
    await waitFor(async () => {
      const pods = await kubectlJson<PodList>('-n kube-system get pods');
      return onWorker2.every((n) => pods.items.find((p) => p.metadata.name === n)?.status.phase === 'Running');
    }, 180_000);
    const dns = await kubectlJson<{ status: { availableReplicas?: number } }>('-n kube-system get deployment coredns');
    expect(dns.status.availableReplicas).to.equal(2);
  });

  it('a new API address is one re-run: only what carries it changes, one host at a time, and kubectl works through it', async () => {
    const extra = JSON.stringify({ cluster: { api: { addresses: ['10.240.0.11'] } } });
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/cluster.ts', '-e', extra]);
    expect(code, stderr).to.equal(0);
    // The API URL lives in the apiserver's issuer flag and in the workers' kubeconfigs; nothing else moves.
    expect([...new Set(report.changes.map((c) => c.role))].sort()).to.deep.equal([
      'kube-apiserver',
      'kube-proxy',
      'kubelet',
    ]);
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
    expect(
      await onHost(LAB, 'controller-0', `${KUBECTL} --server https://10.240.0.11:6443 get --raw /readyz`),
    ).to.equal('ok');
    await waitFor(async () => Object.values(await nodes()).filter((s) => s === `True v${V}`).length === 3, 120_000);
    const again = await cliJson(LAB, ['apply', 'playbooks/cluster.ts', '-e', extra]);
    for (const h of ALL) expect(again.report.hosts[h]!.changed, h).to.equal(0);
  });
});
