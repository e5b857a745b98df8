// The lab itself, for real: 3 hosts boot with systemd and sshd, answer on their own addresses,
// have cgroups of their own in every hierarchy and the kernel tunables the kubelet wants, survive a
// guest reboot and a stop/start, and `down` leaves nothing behind.

import { expect } from 'chai';
import { access, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ownCgroups, parseCgroupMounts, parseProcCgroup, type OwnCgroup } from '../../src/lab/cgroups.ts';
import { KERNEL_TUNABLES } from '../../src/lab/kernel-tunables.ts';
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

/** This process's dir in every mounted cgroup hierarchy (the lab's cgroups are made below them). */
async function machineCgroups(pid: number | 'self' = 'self'): Promise<OwnCgroup[]> {
  return ownCgroups(
    parseProcCgroup(await readFile(`/proc/${pid}/cgroup`, 'utf8')),
    parseCgroupMounts(await readFile('/proc/self/mountinfo', 'utf8')),
  );
}

/** A process's children, from every /proc/<pid>/stat (ppid is the field after the state). */
async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = await readFile(`/proc/${d}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
  }
  return out;
}

/** A host's PID 1 as the machine sees it: launcher -> systemd-nspawn -> systemd. */
async function hostInitPid(host: string): Promise<number> {
  const launcher = Number((await readFile(labPaths(NAME).host(host).pidFile, 'utf8')).trim());
  for (const nspawn of await childrenOf(launcher)) {
    for (const child of await childrenOf(nspawn)) {
      if ((await readFile(`/proc/${child}/comm`, 'utf8')).trim() === 'systemd') return child;
    }
  }
  throw new Error(`no PID 1 found for ${host} under launcher ${launcher}`);
}

const TUNABLES = Object.keys(KERNEL_TUNABLES);
const readTunables = async (): Promise<string[]> =>
  Promise.all(TUNABLES.map(async (e) => (await readFile(`/proc/sys/${e}`, 'utf8')).trim()));

describe('e2e: lab (systemd-nspawn hosts)', function () {
  this.timeout(300_000);
  let machineTunables: string[] = [];

  before(async function () {
    if (process.getuid?.() !== 0) this.skip();
    machineTunables = await readTunables();
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

  it('each host has its own cgroup in every mounted hierarchy, seen as its own root', async () => {
    const lab = labPaths(NAME);
    const own = await machineCgroups();
    expect(own.map((o) => o.hierarchy)).to.include.members(['cpu', 'cpuset', 'memory', 'name=systemd']);
    // On the machine: each host's PID 1 is below <own dir>/orch-NAME/<host> in every hierarchy.
    const dirs = new Map<string, string[]>();
    for (const host of ['h1', 'h2']) {
      const init = await machineCgroups(await hostInitPid(host));
      expect(init.map((o) => o.hierarchy)).to.deep.equal(own.map((o) => o.hierarchy));
      for (const [i, o] of init.entries()) {
        const hostDir = join(own[i]!.dir, lab.cgroupName, host);
        expect(o.dir === hostDir || o.dir.startsWith(`${hostDir}/`), `${host} ${o.hierarchy}: ${o.dir}`).to.equal(true);
      }
      dirs.set(
        host,
        init.map((o) => o.dir),
      );
    }
    for (const [i, d] of dirs.get('h1')!.entries()) expect(d).to.not.equal(dirs.get('h2')![i]);

    // Inside: PID 1 sits at its namespace root in every controller, and in systemd's own init.scope.
    for (const host of ['h1', 'h2']) {
      const r = await labSshRun(NAME, host, 'cat /proc/1/cgroup');
      expect(r.code, r.stderr).to.equal(0);
      const seen = parseProcCgroup(r.stdout);
      expect(seen).to.have.length(parseProcCgroup(await readFile('/proc/self/cgroup', 'utf8')).length);
      for (const m of seen) {
        const systemds = m.controllers.length === 0 || m.controllers.includes('name=systemd');
        expect(m.path, `${host} ${m.controllers.join(',')}`).to.equal(systemds ? '/init.scope' : '/');
      }
    }

    // A cgroup made in h1 in each v1 hierarchy is h1's alone: h2 and the machine's own dirs lack it.
    const r = await labSshRun(NAME, 'h1', "awk '$0 ~ / - cgroup / {print $5}' /proc/self/mountinfo");
    const mounts = r.stdout.trim().split('\n');
    expect(mounts).to.include.members(['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpuset', '/sys/fs/cgroup/devices']);
    expect(mounts).to.have.length(own.filter((o) => o.hierarchy !== 'unified').length);
    const made = await labSshRun(
      NAME,
      'h1',
      mounts.map((m) => `mkdir ${m}/iso-test && test -d ${m}/iso-test`).join(' && '),
    );
    expect(made.code, made.stderr).to.equal(0);
    try {
      const absent = await labSshRun(NAME, 'h2', mounts.map((m) => `test ! -e ${m}/iso-test`).join(' && '));
      expect(absent.code, 'h2 sees a cgroup h1 made').to.equal(0);
      for (const o of own) expect(await exists(join(o.dir, 'iso-test')), o.dir).to.equal(false);
    } finally {
      await labSshRun(NAME, 'h1', mounts.map((m) => `rmdir ${m}/iso-test`).join('; '));
    }
  });

  it('hosts read the kernel tunables the kubelet wants; the machine keeps its own', async () => {
    const want = TUNABLES.map((e) => KERNEL_TUNABLES[e]!);
    for (const host of ['h1', 'h2']) {
      const r = await labSshRun(NAME, host, TUNABLES.map((e) => `cat /proc/sys/${e}`).join('; '));
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.trim().split('\n'), host).to.deep.equal(want);
    }
    // Read-only inside: a write fails and changes nothing, there or on the machine.
    const w = await labSshRun(
      NAME,
      'h1',
      'echo 0 > /proc/sys/vm/overcommit_memory; cat /proc/sys/vm/overcommit_memory',
    );
    expect(w.stderr).to.match(/Read-only file system/);
    expect(w.stdout.trim()).to.equal('1');
    expect(await readTunables()).to.deep.equal(machineTunables);
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
    const r = await labSshRun(
      NAME,
      'h2',
      'test ! -e /run/before-reboot && test -e /var/tmp/kept && hostname && cat /proc/sys/vm/overcommit_memory',
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal('h2\n1'); // the relaunched nspawn binds the tunables again
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
    const own = await machineCgroups();
    for (const o of own) expect(await exists(join(o.dir, lab.cgroupName, 'h1')), o.hierarchy).to.equal(true);
    const first = await labDown(NAME);
    expect(first.existed).to.equal(true);
    expect(await currentMountsUnder(lab.dir)).to.deep.equal([]);
    expect(await exists(lab.netnsFile)).to.equal(false);
    expect(await exists(lab.dir)).to.equal(false);
    for (const o of own) expect(await exists(join(o.dir, lab.cgroupName)), o.hierarchy).to.equal(false);
    const again = await labDown(NAME);
    expect(again.existed).to.equal(false);
  });
});
