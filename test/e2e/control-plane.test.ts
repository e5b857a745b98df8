// playbooks/control-plane.ts on 3 controllers + 1 worker: real etcd (built from its module), test doubles for the Kubernetes
// binaries; apply, re-apply (changed = 0), then an API address added with -e rolls the apiserver cert.

import { DEFAULT_VERSIONS } from '../../kubernetes/cluster/index.ts';
import { expect } from 'chai';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { labDown, labInfo, labRun } from '../../src/lab/index.ts';
import { doublesLabUp } from './support/doubles-lab.ts';
import { changeKeys, cliJson, dropLab, labStateDir, onHosts } from './support/lab.ts';

const LAB = 'e2e-cp';
const KUBERNETES = DEFAULT_VERSIONS.kubernetes; // the lab's inventory pins the default release line
const CONTROLLERS = ['controller-0', 'controller-1', 'controller-2'];
const SERVICES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const ADDED_API = '10.240.0.100';
const STOP = `/tmp/orchestrate-e2e-cp-stop-${process.pid}`;
const ip = (host: string) => `10.240.0.1${host.slice(-1)}`;

/** The handler and health events of the newest run log, in order. */
async function lastRunEvents(state: string) {
  const runs = join(state, 'runs');
  const logs = (await readdir(runs)).filter((f) => f.endsWith('.jsonl')).sort();
  const text = await readFile(join(runs, logs.at(-1)!), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.includes('"type":"handler"') || l.includes('"type":"health"'))
    .map((l) => JSON.parse(l) as { type: string; host: string; role: string; passed?: boolean; gate?: string });
}

/** The newest run log's host failures, for assertion messages. */
async function failures(state: string): Promise<string> {
  const runs = join(state, 'runs');
  const logs = (await readdir(runs)).filter((f) => f.endsWith('.jsonl')).sort();
  const text = await readFile(join(runs, logs.at(-1)!), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.includes('"type":"host-failed"'))
    .join('\n');
}

/** When each service last entered "active" (monotonic µs), per controller. */
async function activeSince(service: string): Promise<Record<string, string>> {
  return onHosts(LAB, CONTROLLERS, `systemctl show -p ActiveEnterTimestampMonotonic --value ${service}`);
}

describe('e2e: playbooks/control-plane.ts on 3 controllers + 1 worker (etcd real, Kubernetes doubles)', function () {
  this.timeout(900_000);
  let state = '';
  let ca = '';
  /** curl from the control machine, in the lab's netns, verifying the apiserver against the PKI's CA. */
  const curlApi = (url: string, ...extra: string[]) =>
    labRun(LAB, ['curl', '-fsS', '--max-time', '10', '--cacert', ca, ...extra, url]);

  before(async () => {
    await labDown(LAB).catch(() => undefined);
    await doublesLabUp(LAB, 3, 1);
    state = await labStateDir(LAB);
    ca = join(state, 'pki', 'ca.pem');
  });
  after(async () => dropLab(LAB));

  it('builds etcd and the control plane: every unit active, every gate passed, /readyz over TLS', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/control-plane.ts']);
    expect(code, `${stderr}\n${await failures(state)}`).to.equal(0);
    expect(Object.keys(report.hosts).sort()).to.deep.equal(CONTROLLERS);
    const active = await onHosts(LAB, CONTROLLERS, `systemctl is-active ${SERVICES.join(' ')}`);
    for (const c of CONTROLLERS) expect(active[c], c).to.equal('active\nactive\nactive\nactive\n');
    const gates = (await lastRunEvents(state)).filter((e) => e.type === 'health');
    for (const role of SERVICES)
      for (const c of CONTROLLERS)
        expect(gates.filter((g) => g.role === role && g.host === c && g.passed).length, `${role} on ${c}`).to.equal(1);
    expect(gates.every((g) => g.passed)).to.equal(true);
    for (const c of CONTROLLERS) {
      const readyz = await curlApi(`https://${ip(c)}:6443/readyz`);
      expect(readyz.code, readyz.stderr).to.equal(0);
      expect(readyz.stdout.trim()).to.equal('ok');
    }
    const version = await curlApi(`https://${ip('controller-0')}:6443/version`);
    expect(JSON.parse(version.stdout).gitVersion).to.match(new RegExp(`^v${KUBERNETES.replace(/\./g, '\\.')}\\b`));
    const flags = await onHosts(LAB, CONTROLLERS, 'cat /etc/systemd/system/kube-apiserver.service');
    for (const c of CONTROLLERS) {
      expect(flags[c]).to.contain('--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname');
      expect(flags[c]).to.contain('--service-cluster-ip-range=10.32.0.0/24');
      expect(flags[c]).to.contain(`--advertise-address=${ip(c)}`);
    }
  });

  it('the second apply reports changed = 0', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/control-plane.ts']);
    expect(code, `${stderr}\n${await failures(state)}`).to.equal(0);
    for (const c of CONTROLLERS) expect(report.hosts[c]!.changed, c).to.equal(0);
    expect(report.changes).to.deep.equal([]);
  });

  it('an API address added with -e reissues the apiserver cert and restarts kube-apiserver one controller at a time', async () => {
    const before = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await activeSince(s)] as const)));
    const refused = await curlApi(
      `https://${ADDED_API}:6443/readyz`,
      '--connect-to',
      `${ADDED_API}:6443:${ip('controller-1')}:6443`,
    );
    expect(refused.code, 'the old cert must not cover the new address').to.not.equal(0);
    // -e replaces the whole cluster map: keep the lab's (its versions and image bundles) and add the API addresses.
    const inventory = parse(await readFile((await labInfo(LAB)).inventory, 'utf8')) as {
      all: { vars: { cluster?: Record<string, unknown> } };
    };
    const cluster = { ...inventory.all.vars.cluster, api: { addresses: [ip('controller-0'), ADDED_API] } };
    // While it runs, poll every apiserver's /readyz: at most one may be down at any moment.
    await rm(STOP, { force: true });
    const urls = CONTROLLERS.map((c) => `https://${ip(c)}:6443/readyz`);
    const poller = labRun(LAB, [
      'sh',
      '-c',
      `while [ ! -e ${STOP} ]; do n=0; for u in ${urls.join(' ')}; do curl -fsS --max-time 2 --cacert ${ca} "$u" >/dev/null 2>&1 || n=$((n+1)); done; echo "$n"; sleep 0.1; done`,
    ]);
    const { code, report, stderr } = await cliJson(LAB, [
      'apply',
      'playbooks/control-plane.ts',
      '-e',
      JSON.stringify({ cluster }),
    ]);
    await writeFile(STOP, '');
    const down = (await poller).stdout.trim().split('\n').map(Number);
    await rm(STOP, { force: true });
    expect(code, `${stderr}\n${await failures(state)}`).to.equal(0);
    // Enough polls to see each of the three restarts (each takes seconds; a poll about 0.3 s on a loaded machine).
    expect(down.length, 'polls during the apply').to.be.greaterThan(10);
    expect(Math.max(...down), `apiservers down at once, per poll: ${down.join(' ')}`).to.be.at.most(1);
    expect(down.filter((n) => n === 1).length, 'the polls saw the restarts').to.be.greaterThan(0);
    const changed = [
      'kube-apiserver|handler: restart kube-apiserver',
      'kube-apiserver|inputs record',
      'kube-apiserver|pki /var/lib/kubernetes/kubernetes-key.pem',
      'kube-apiserver|pki /var/lib/kubernetes/kubernetes.pem',
    ];
    expect(changeKeys(report)).to.deep.equal(CONTROLLERS.flatMap((c) => changed.map((k) => `${c}|${k}`)).sort());
    // One at a time: each restart is followed by that controller's gate before the next restart (the batches
    // follow the order the hosts finished their tasks in, not the inventory's).
    const seq = (await lastRunEvents(state)).map((e) => `${e.type}:${e.role}:${e.host}`);
    const order = seq.filter((e) => e.startsWith('handler:')).map((e) => e.split(':')[2]!);
    expect([...order].sort()).to.deep.equal(CONTROLLERS);
    expect(seq).to.deep.equal(order.flatMap((c) => [`handler:kube-apiserver:${c}`, `health:kube-apiserver:${c}`]));
    const after = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await activeSince(s)] as const)));
    for (const c of CONTROLLERS) {
      expect(after['kube-apiserver']![c], `kube-apiserver on ${c} restarted`).to.not.equal(
        before['kube-apiserver']![c],
      );
      for (const s of ['etcd', 'kube-controller-manager', 'kube-scheduler'])
        expect(after[s]![c], `${s} on ${c} not restarted`).to.equal(before[s]![c]);
    }
    // The hosts agree: each apiserver became active after the one restarted before it.
    const starts = order.map((c) => Number(after['kube-apiserver']![c]));
    expect([...starts].sort((a, b) => a - b)).to.deep.equal(starts);
    for (const c of CONTROLLERS) {
      const viaNew = await curlApi(
        `https://${ADDED_API}:6443/readyz`,
        '--connect-to',
        `${ADDED_API}:6443:${ip(c)}:6443`,
      );
      expect(viaNew.code, `${c}: ${viaNew.stderr}`).to.equal(0);
      expect(viaNew.stdout.trim()).to.equal('ok');
    }
  });
});
