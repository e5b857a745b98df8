// The lab itself, for real: 3 hosts boot with systemd and sshd, answer on their own addresses,
// survive a guest reboot and a stop/start, and `down` leaves nothing behind.

import { expect } from 'chai';
import { access, readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
  currentMountsUnder,
  labDown,
  labInfo,
  labPaths,
  labRun,
  labSshRun,
  labStatus,
  labUp,
  startHost,
  stopHost,
  waitReady,
} from '../../src/lab/index.ts';

const NAME = 'e2e-lab';
const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

describe('e2e: lab (systemd-nspawn hosts)', function () {
  this.timeout(300_000);

  before(async function () {
    if (process.getuid?.() !== 0) this.skip();
    await labDown(NAME); // a leftover of an interrupted run
    const r = await labUp({ name: NAME, layout: { kind: 'plain', count: 3 } });
    console.log(`      lab up 3: ${r.seconds.toFixed(1)} s (base: ${r.baseSource})`);
  });

  after(async function () {
    if (process.getuid?.() === 0) await labDown(NAME);
  });

  it('every host answers ssh with its own hostname and address, booted to running', async () => {
    const info = await labInfo(NAME);
    expect(info.hosts.map((h) => h.name)).to.deep.equal(['h1', 'h2', 'h3']);
    for (const h of info.hosts) {
      const r = await labSshRun(NAME, h.name, 'hostname; ip -4 -o addr show host0; systemctl is-system-running');
      expect(r.code, r.stderr).to.be.oneOf([0, 1]); // 1 = degraded, still booted
      const [hostname, addr, state] = r.stdout.trim().split('\n');
      expect(hostname).to.equal(h.name);
      expect(addr).to.include(`inet ${h.address}/24`);
      expect(state).to.be.oneOf(['running', 'degraded']);
    }
  });

  it('hosts reach each other on the bridge; modprobe of built-ins works; cgroups are writable', async () => {
    const r = await labSshRun(
      NAME,
      'h1',
      'ping -c1 -W2 10.240.0.102 >/dev/null && modprobe br_netfilter && mkdir /sys/fs/cgroup/memory/orch-test && rmdir /sys/fs/cgroup/memory/orch-test && findmnt -n -o FSTYPE /var/lib/containerd',
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal('ext4');
  });

  it('writes an inventory the loader reads, and known_hosts with each host key', async () => {
    const info = await labInfo(NAME);
    const doc = parse(await readFile(info.inventory, 'utf8'));
    expect(doc.all.vars).to.deep.equal({
      ansible_user: 'root',
      ansible_ssh_private_key_file: info.key,
      orchestrate_known_hosts: info.knownHosts,
    });
    expect(Object.keys(doc.all.children.lab.hosts)).to.deep.equal(['h1', 'h2', 'h3']);
    const known = (await readFile(info.knownHosts, 'utf8')).trim().split('\n');
    expect(known).to.have.length(3);
    for (const l of known) expect(l).to.match(/^10\.240\.0\.10[1-3] ssh-ed25519 AAAA\S+$/);
  });

  it('lab exec runs inside the netns with ORCHESTRATE_INVENTORY set', async () => {
    const r = await labRun(NAME, [
      'sh',
      '-c',
      'echo "$ORCHESTRATE_INVENTORY"; ip -o -4 addr show labbr0; command -v orchestrate',
    ]);
    expect(r.code, r.stderr).to.equal(0);
    const [inv, bridge, shim] = r.stdout.trim().split('\n');
    expect(inv).to.equal(labPaths(NAME).inventory);
    expect(bridge).to.include('inet 10.240.0.1/24');
    expect(shim).to.equal(`${labPaths(NAME).binDir}/orchestrate`);
  });

  it('a guest reboot comes back (nspawn exit 133 relaunched), keeping the disk but not /run', async () => {
    await labSshRun(NAME, 'h2', 'touch /run/before-reboot /var/tmp/kept && systemctl reboot');
    await waitReady(NAME, 'h2');
    const r = await labSshRun(NAME, 'h2', 'test ! -e /run/before-reboot && test -e /var/tmp/kept && hostname');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal('h2');
    const log = await readFile(labPaths(NAME).host('h2').log, 'utf8');
    expect(log).to.include('nspawn exited 133');
  });

  it('stop powers one host off, start brings it back with its files', async () => {
    await labSshRun(NAME, 'h3', 'echo hello > /root/kept');
    await stopHost(NAME, 'h3');
    const stopped = await labStatus(NAME);
    expect(stopped.map((h) => [h.name, h.running, h.ssh])).to.deep.equal([
      ['h1', true, true],
      ['h2', true, true],
      ['h3', false, false],
    ]);
    expect(await currentMountsUnder(labPaths(NAME).host('h3').merged)).to.deep.equal([]);
    await startHost(NAME, 'h3');
    const r = await labSshRun(NAME, 'h3', 'cat /root/kept');
    expect(r.stdout.trim()).to.equal('hello');
  });

  it('down leaves no host, mount, netns, cgroup or lab dir behind, and is idempotent', async () => {
    const lab = labPaths(NAME);
    const first = await labDown(NAME);
    expect(first.existed).to.equal(true);
    expect(await currentMountsUnder(lab.dir)).to.deep.equal([]);
    expect(await exists(lab.netnsFile)).to.equal(false);
    expect(await exists(lab.dir)).to.equal(false);
    expect(await exists(`/sys/fs/cgroup/systemd/${lab.cgroupName}`)).to.equal(false);
    const again = await labDown(NAME);
    expect(again.existed).to.equal(false);
  });
});
