// Host faults on 3 plain lab hosts: a host powered off, sshd restarted, killed or frozen in the
// middle of a run; a full disk under the target file; a sudo that asks for a password.

import { expect } from 'chai';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, stopHost } from '../../src/lab/index.ts';
import { changeKeys, cli, cliJson, dropLab, freshLab, info, onHost, onHosts, startCli } from './support/lab.ts';

const LAB = 'e2e-fault-hosts';
const HOSTS = ['h1', 'h2', 'h3'];
const SLOW = 'test/e2e/playbooks/fault-slow.ts';
const FILE = 'test/e2e/playbooks/fault-file.ts';

async function waitFor(what: string, cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000}s`);
}

/** Starts fault-slow.ts at a new version on every host; resolves once `host` is inside its long step. */
async function slowRunBusyOn(host: string, version: number, json = true) {
  await onHosts(LAB, HOSTS, 'rm -f /var/lib/faultslow/slept');
  const args = ['apply', SLOW, '-e', `slow_version=${version}`, ...(json ? ['--json'] : [])];
  const run = await startCli(LAB, args);
  await waitFor(`slow step on ${host}`, async () => (await onHost(LAB, host, 'pgrep -x sleep || true')) !== '');
  return run;
}

describe('e2e: host faults in the middle of a run (3 lab hosts)', function () {
  this.timeout(600_000);
  let version = 1;

  before(async () => {
    await freshLab(LAB, { kind: 'plain', count: 3 });
    const first = await cliJson(LAB, ['apply', SLOW]);
    expect(first.code, first.stderr).to.equal(0);
  });
  after(async () => dropLab(LAB));

  it('a host powered off mid-run is unreachable (exit 3); the others finish', async () => {
    const run = await slowRunBusyOn('h3', ++version);
    try {
      await stopHost(LAB, 'h3');
      const r = await run.done;
      expect(r.code, r.stderr).to.equal(3);
      const report = JSON.parse(r.stdout) as { hosts: Record<string, { unreachable: boolean; failed: number }> };
      expect(report.hosts['h3']!.unreachable).to.equal(true);
      for (const h of ['h1', 'h2']) expect(report.hosts[h], h).to.include({ unreachable: false, failed: 0 });
      expect(changeKeys(JSON.parse(r.stdout))).to.include.members(['h1|fault-slow|config', 'h2|fault-slow|config']);
    } finally {
      await startHost(LAB, 'h3');
    }
    expect(await onHosts(LAB, ['h1', 'h2'], 'cat /var/lib/faultslow/config')).to.deep.equal({
      h1: `version ${version}\n`,
      h2: `version ${version}\n`,
    });
    expect((await cli(LAB, ['apply', SLOW, '-e', `slow_version=${version}`])).code).to.equal(0);
  });

  it('sshd restarted mid-run: its sessions live on and the run finishes (exit 0)', async () => {
    const run = await slowRunBusyOn('h2', ++version);
    const listener = await onHost(LAB, 'h2', 'systemctl show -p MainPID --value ssh');
    await onHost(LAB, 'h2', 'systemctl restart ssh');
    expect(await onHost(LAB, 'h2', 'systemctl show -p MainPID --value ssh')).to.not.equal(listener);
    const r = await run.done;
    expect(r.code, r.stderr).to.equal(0);
    expect(await onHost(LAB, 'h2', 'cat /var/lib/faultslow/config; systemctl is-active ssh')).to.equal(
      `version ${version}\nactive\n`,
    );
  });

  it('sshd killed with its sessions mid-run: that host is unreachable at once (exit 3); the next run reconnects', async () => {
    const run = await slowRunBusyOn('h2', ++version, false);
    const killedAt = Date.now();
    await onHost(
      LAB,
      'h2',
      `systemd-run --quiet --collect sh -c 'sleep 0.5; pkill -KILL -x sshd; systemctl restart ssh'`,
    );
    const r = await run.done;
    expect(Date.now() - killedAt, 'the run ended promptly').to.be.below(30_000);
    expect(r.code, r.stderr).to.equal(3);
    expect(r.stdout + r.stderr).to.match(/h2: connection to 10\.240\.0\.102:22 lost/);
    const again = await cliJson(LAB, ['apply', SLOW, '-e', `slow_version=${version}`, '--limit', 'h2']);
    expect(again.code, again.stderr).to.equal(0);
  });

  it('sshd frozen mid-run (SIGSTOP): keepalive gives the host up (exit 3), nothing hangs', async () => {
    const run = await slowRunBusyOn('h2', ++version, false);
    const frozenAt = Date.now();
    await onHost(
      LAB,
      'h2',
      `systemd-run --quiet --collect sh -c 'sleep 0.5; pkill -STOP -x sshd; sleep 45; pkill -CONT -x sshd'`,
    );
    const r = await run.done;
    expect(Date.now() - frozenAt, 'given up within keepalive (3 x 5 s) and slack').to.be.below(40_000);
    expect(r.code, r.stderr).to.equal(3);
    expect(r.stdout + r.stderr).to.match(/h2: connection to 10\.240\.0\.102:22 lost/);
    await waitFor('sshd thawed', async () => (await cli(LAB, ['facts', '-l', 'h2'])).code === 0, 60_000);
  });

  it('a full disk under the target: a clear error naming the path and ENOSPC; the old file intact, no temp left', async () => {
    await onHost(LAB, 'h1', 'mkdir -p /srv/faulttest && mount -t tmpfs -o size=64k tmpfs /srv/faulttest');
    try {
      const v1 = await cliJson(LAB, ['apply', FILE, '--limit', 'h1', '-e', 'fault_lines=100']);
      expect(v1.code, v1.stderr).to.equal(0);
      const old = await onHost(LAB, 'h1', 'sha256sum /srv/faulttest/data');
      await onHost(LAB, 'h1', 'dd if=/dev/zero of=/srv/faulttest/fill bs=4k 2>/dev/null; df /srv/faulttest | tail -1');
      const r = await cli(LAB, ['apply', FILE, '--limit', 'h1', '-e', 'fault_version=2', '-e', 'fault_lines=2000']);
      expect(r.code, r.stdout + r.stderr).to.equal(2);
      expect(r.stdout + r.stderr)
        .to.contain('/srv/faulttest/data')
        .and.contain('ENOSPC')
        .and.contain('data file');
      expect(await onHost(LAB, 'h1', 'sha256sum /srv/faulttest/data; ls -A /srv/faulttest')).to.equal(
        `${old}data\nfill\n`,
      );
    } finally {
      await onHost(LAB, 'h1', 'umount /srv/faulttest');
    }
  });

  it('an SFTP subsystem that never answers: the upload times out (REMOTE_TIMEOUT naming it), nothing hangs', async () => {
    const hang =
      "printf '#!/bin/sh\\nexec sleep 900\\n' > /usr/local/bin/sftp-hang && chmod 755 /usr/local/bin/sftp-hang";
    await onHost(
      LAB,
      'h1',
      `mkdir -p /srv/faulttest && ${hang} && sed -i.orig 's|^Subsystem.*|Subsystem sftp /usr/local/bin/sftp-hang|' /etc/ssh/sshd_config && systemctl reload ssh`,
    );
    try {
      const started = Date.now();
      const r = await cli(LAB, ['apply', FILE, '--limit', 'h1', '-e', 'fault_version=3', '--timeout', '15']);
      expect(Date.now() - started, 'the run ended').to.be.below(120_000);
      expect(r.code, r.stdout + r.stderr).to.equal(2);
      expect(r.stdout + r.stderr)
        .to.contain('REMOTE_TIMEOUT')
        .and.match(/h1: upload to \/var\/lib\/orchestrate\/stage\/\S+ \(SFTP\) did not finish within 15s/);
    } finally {
      await onHost(
        LAB,
        'h1',
        "mv /etc/ssh/sshd_config.orig /etc/ssh/sshd_config && systemctl reload ssh; pkill -f 'slee[p] 900'; true",
      );
    }
    expect((await cli(LAB, ['apply', FILE, '--limit', 'h1', '-e', 'fault_version=3'])).code).to.equal(0);
  });

  it('a sudo that asks for a password: the host fails (exit 2) with an error naming become and the fix', async () => {
    await onHost(
      LAB,
      'h1',
      [
        'id orchpw >/dev/null 2>&1 || useradd -m -s /bin/sh orchpw',
        "echo 'orchpw:not-used-here' | chpasswd",
        'install -d -o orchpw -m 0700 /home/orchpw/.ssh',
        'install -o orchpw -m 0600 /root/.ssh/authorized_keys /home/orchpw/.ssh/authorized_keys',
        "echo 'orchpw ALL=(ALL) ALL' > /etc/sudoers.d/orchpw",
      ].join(' && '),
    );
    const lab = await info(LAB);
    const dir = await mkdtemp(join(tmpdir(), 'orchestrate-e2e-become-'));
    const inventory = join(dir, 'inventory.yaml');
    const yaml = (await readFile(lab.inventory, 'utf8')).replace(
      /ansible_user: root/,
      'ansible_user: orchpw\n    ansible_become: true',
    );
    await writeFile(inventory, yaml);
    const r = await cli(LAB, ['apply', FILE, '-i', inventory, '--limit', 'h1']);
    expect(r.code, r.stdout + r.stderr).to.equal(2);
    expect(r.stdout + r.stderr)
      .to.contain('BECOME_FAILED')
      .and.match(/h1: become failed/)
      .and.contain('NOPASSWD');
  });
});
