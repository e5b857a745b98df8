// The workers' OS layer on real lab hosts: node-prep, containerd 2 + runc + CNI built from their modules running real
// containers on the pod bridge, pod routes that carry pod traffic across nodes and survive a reboot.

import { expect } from 'chai';
import { cliJson, dropLab, freshLab, onHost, onHosts, E2E_RELEASE } from './support/lab.ts';
import { BUSYBOX_IMAGE, busyboxImage } from './support/busybox-image.ts';
import { rebootHost } from './support/reboot.ts';
import { uploadToHost } from './support/upload.ts';

const LAB = 'e2e-workers';
const PLAYBOOK = 'playbooks/workers.ts';
const WORKERS = ['worker-0', 'worker-1'];
const HOSTS = ['controller-0', ...WORKERS];
const ADDRESS: Record<string, string> = {
  'controller-0': '10.240.0.10',
  'worker-0': '10.240.0.20',
  'worker-1': '10.240.0.21',
};
/** Assigned in inventory order from 10.200.0.0/16 on a fresh state dir. */
const POD_CIDR: Record<string, string> = { 'worker-0': '10.200.0.0/24', 'worker-1': '10.200.1.0/24' };
const HOSTS_BLOCK = [
  '# BEGIN ORCHESTRATE MANAGED BLOCK kubernetes',
  '10.240.0.10 controller-0',
  '10.240.0.20 worker-0',
  '10.240.0.21 worker-1',
  '# END ORCHESTRATE MANAGED BLOCK kubernetes',
].join('\n');
const SYSCTLS = 'net/bridge/bridge-nf-call-iptables net/bridge/bridge-nf-call-ip6tables net/ipv4/ip_forward';
/**
 * ctr as the kubelet would run pods: runc with systemd cgroups, in a scope of its own. The scope names the
 * host: lab guests share the freezer/cpu/devices hierarchies, and runc freezes a scope while it sets it up.
 */
const ctrRun = (host: string, id: string, flags = '') =>
  `ctr run --runc-systemd-cgroup --cgroup system.slice:${LAB}:${host}-${id} ${flags} ${BUSYBOX_IMAGE} ${id}`;

/** `DST via GW` for each pod route a host should have: every other worker's CIDR via that worker. */
function expectedRoutes(host: string): string[] {
  return WORKERS.filter((w) => w !== host).map((w) => `${POD_CIDR[w]} via ${ADDRESS[w]}`);
}

/** The host's gateway routes into 10.200.0.0/16 (not its own bridge's), as `DST via GW`. */
async function podRoutesOn(host: string): Promise<string[]> {
  const out = await onHost(LAB, host, 'ip -4 route show | grep "^10\\.200\\..* via " || true');
  return out
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/).slice(0, 3).join(' '));
}

describe('e2e: playbooks/workers.ts on a controller and 2 workers (real containerd, runc, CNI)', function () {
  this.timeout(300_000);

  before(async () => {
    await Promise.all([freshLab(LAB, { kind: 'cluster', controllers: 1, workers: 2 }), busyboxImage()]);
    // Drift node-prep must fix: a wrong hostname, a swap entry in fstab.
    await onHost(LAB, 'worker-1', 'hostname wrong-name && echo wrong-name > /etc/hostname');
    await onHost(LAB, 'worker-0', 'echo "/swapfile none swap sw 0 0" >> /etc/fstab');
  });
  after(async () => dropLab(LAB));

  it('prepares every host: hostname, /etc/hosts, swap out of fstab, br_netfilter, sysctls; containerd runs', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', PLAYBOOK]);
    expect(code, stderr).to.equal(0);
    expect(Object.keys(report.hosts).sort()).to.deep.equal(HOSTS);
    const names = await onHosts(LAB, HOSTS, 'hostname; cat /etc/hostname');
    for (const h of HOSTS) expect(names[h]).to.equal(`${h}\n${h}\n`);
    const hosts = await onHosts(LAB, HOSTS, 'cat /etc/hosts');
    for (const h of HOSTS) expect(hosts[h]).to.contain(HOSTS_BLOCK);
    expect(await onHost(LAB, 'worker-0', 'cat /etc/fstab')).to.match(/^#swapoff\(orchestrate\)# \/swapfile none swap/m);
    const kernel = await onHosts(
      LAB,
      HOSTS,
      `cat /etc/modules-load.d/br_netfilter.conf | tail -1; cd /proc/sys && cat ${SYSCTLS}`,
    );
    for (const h of HOSTS) expect(kernel[h], h).to.equal('br_netfilter\n1\n1\n1\n');
    const runtime = await onHosts(
      LAB,
      WORKERS,
      `systemctl is-active containerd; ctr version 2>/dev/null | grep -c "Version:  v${E2E_RELEASE.containerd}"`,
    );
    for (const w of WORKERS) expect(runtime[w]).to.equal('active\n2\n');
  });

  it('the second apply reports changed = 0 on every host', async () => {
    const { code, report } = await cliJson(LAB, ['apply', PLAYBOOK]);
    expect(code).to.equal(0);
    for (const h of HOSTS) expect(report.hosts[h]!.changed, h).to.equal(0);
  });

  it('--limit one host still writes every cluster host into /etc/hosts', async () => {
    await onHost(LAB, 'worker-1', "sed -i '/^10.240.0.10 controller-0$/d' /etc/hosts");
    const { code, report } = await cliJson(LAB, ['apply', PLAYBOOK, '--limit', 'worker-1', '--role', 'node-prep']);
    expect(code).to.equal(0);
    expect(report.changes.map((c) => `${c.host}|${c.task}`)).to.deep.equal(['worker-1|cluster hosts in /etc/hosts']);
    expect(await onHost(LAB, 'worker-1', 'cat /etc/hosts')).to.contain(HOSTS_BLOCK);
  });

  it('runs a real container on each worker: imported image, overlayfs snapshot, runc with systemd cgroups', async () => {
    const image = await busyboxImage();
    await Promise.all(WORKERS.map((w) => uploadToHost(LAB, w, image, '/root/busybox-oci.tar')));
    const hello = (w: string) =>
      `ctr images import /root/busybox-oci.tar >/dev/null && ${ctrRun(w, 'hello', '--rm --net-host')} sh -c 'echo hello from $(hostname); grep " / / " /proc/self/mountinfo'`;
    const out = Object.fromEntries(await Promise.all(WORKERS.map(async (w) => [w, await onHost(LAB, w, hello(w))])));
    for (const w of WORKERS) {
      expect(out[w]).to.contain(`hello from ${w}`);
      expect(out[w]).to.match(/ - overlay overlay /);
    }
  });

  it("gives a pod an IP of its node's pod CIDR; the pod routes carry traffic to it from other hosts and pods", async () => {
    await onHost(
      LAB,
      'worker-0',
      `${ctrRun('worker-0', 'web', '-d --cni')} sh -c 'echo pod-on-worker-0 > /www/index.html; exec httpd -f -p 8080 -h /www'`,
    );
    const addr = await onHost(LAB, 'worker-0', 'ctr task exec --exec-id ip web ip -4 -o addr show eth0');
    const ip = /inet (10\.200\.0\.\d+)\/24/.exec(addr)?.[1];
    expect(ip, addr).to.be.a('string');
    // controller -> pod: the route on controller-0 sends it to worker-0, whose bridge delivers it.
    expect(await onHost(LAB, 'controller-0', `curl -sf -m 5 http://${ip!}:8080/`)).to.equal('pod-on-worker-0\n');
    // pod -> pod across nodes: a pod on worker-1 (its own CIDR) reaches the pod on worker-0.
    const client = await onHost(
      LAB,
      'worker-1',
      `${ctrRun('worker-1', 'client', '--rm --cni')} sh -c 'ip -4 -o addr show eth0; wget -q -O - http://${ip!}:8080/'`,
    );
    expect(client).to.match(/inet 10\.200\.1\.\d+\/24/);
    expect(client).to.contain('pod-on-worker-0');
    // httpd as PID 1 ignores SIGTERM: left running, it would hold the reboot below for 90 s.
    await onHost(LAB, 'worker-0', 'ctr task rm -f web && ctr container rm web');
  });

  it('after a guest reboot: pod routes, sysctls, hostname and containerd are back; a pod starts again', async () => {
    for (const h of HOSTS) expect(await podRoutesOn(h), h).to.deep.equal(expectedRoutes(h));
    await Promise.all(HOSTS.map((h) => rebootHost(LAB, h)));
    for (const h of HOSTS) expect(await podRoutesOn(h), `${h} after reboot`).to.deep.equal(expectedRoutes(h));
    const state = await onHosts(LAB, HOSTS, `hostname; cd /proc/sys && cat ${SYSCTLS}`);
    for (const h of HOSTS) expect(state[h], h).to.equal(`${h}\n1\n1\n1\n`);
    const again = await onHost(
      LAB,
      'worker-1',
      `systemctl is-active containerd && ${ctrRun('worker-1', 'after-reboot', '--rm --cni')} ip -4 -o addr show eth0`,
    );
    expect(again).to.match(/^active\n.*inet 10\.200\.1\.\d+\/24/s);
  });

  it('after the reboot, an apply still changes nothing: everything was persisted', async () => {
    const { code, report } = await cliJson(LAB, ['apply', PLAYBOOK]);
    expect(code).to.equal(0);
    for (const h of HOSTS) expect(report.hosts[h]!.changed, h).to.equal(0);
  });
});
