// The demo playbook end to end, on 3 real lab hosts: demo.ts applied, re-applied, checked, limited, broken.

import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { startHost, stopHost } from '../../src/lab/index.ts';
import {
  changeKeys,
  cli,
  cliJson,
  dropLab,
  freshLab,
  info,
  onHost,
  onHosts,
  startCli,
  waitFor,
} from './support/lab.ts';

const LAB = 'e2e-demo';
const HOSTS = ['h1', 'h2', 'h3'];
const DEMO = 'playbooks/demo.ts';
const SLOW = 'test/e2e/playbooks/slow.ts';

describe('e2e: demo.ts on 3 lab hosts', function () {
  this.timeout(300_000);
  let stateDir = '';
  let checkKeys: string[] = [];

  before(async () => {
    await freshLab(LAB, { kind: 'plain', count: 3 });
    stateDir = join(dirname((await info(LAB)).inventory), '.orchestrate');
  });
  after(async () => dropLab(LAB));

  it('--check on fresh hosts changes nothing and lists the changes', async () => {
    const { code, report } = await cliJson(LAB, ['apply', DEMO, '--check']);
    expect(code, JSON.stringify(report)).to.equal(0);
    checkKeys = changeKeys(report);
    for (const h of HOSTS) expect(report.hosts[h]!.changed).to.be.greaterThan(5);
    const probe = await onHosts(
      LAB,
      HOSTS,
      'ls /etc/demo /srv/demo /usr/local/bin/demo-http 2>&1 | wc -l; test -e /etc/systemd/system/demo-web.service && echo unit || echo nounit',
    );
    for (const h of HOSTS) expect(probe[h]).to.contain('nounit');
  });

  it('the first apply changes every host exactly as --check said, and the service answers', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', DEMO]);
    expect(code, stderr).to.equal(0);
    for (const h of HOSTS) expect(report.hosts[h]!.changed, h).to.be.greaterThan(5);
    expect(changeKeys(report)).to.deep.equal(checkKeys);
    const page = await onHosts(LAB, HOSTS, 'curl -fsS -D - http://127.0.0.1:8080/');
    for (const h of HOSTS) {
      expect(page[h]).to.contain('orchestrate demo').and.contain(`X-Greeting: hello from ${h}`);
    }
    const state = await onHost(
      LAB,
      'h1',
      'cat /proc/sys/net/ipv4/ip_forward /etc/sysctl.d/60-demo.conf; ip route show 198.51.100.0/24; grep -c h3 /etc/hosts; stat -c %a /usr/local/bin/demo-http; cat /var/lib/demo/initialized; systemctl is-enabled demo-web',
    );
    expect(state)
      .to.match(/^1\n/)
      .and.contain('net.ipv4.ip_forward = 1')
      .and.contain('198.51.100.0/24 via 10.240.0.1')
      .and.contain('755')
      .and.contain('enabled');
  });

  it('the second apply reports changed = 0 on every host, in one round trip: facts and both roles', async () => {
    const { code, report } = await cliJson(LAB, ['apply', DEMO]);
    expect(code).to.equal(0);
    for (const h of HOSTS) {
      expect(report.hosts[h]!.changed, h).to.equal(0);
      // facts (on the host lock's channel) with the probes of both roles (built from the cached facts)
      expect(report.hosts[h]!.roundTrips, h).to.equal(1);
    }
    expect(report.changes).to.deep.equal([]);
  });

  it('--check after drift lists exactly what the apply then repairs', async () => {
    await onHost(LAB, 'h1', 'echo drift > /etc/demo/motd; echo 0 > /proc/sys/net/ipv4/ip_forward');
    await onHost(LAB, 'h2', 'echo drift > /srv/demo/index.html');
    const check = await cliJson(LAB, ['apply', DEMO, '--check']);
    const applied = await cliJson(LAB, ['apply', DEMO]);
    expect(changeKeys(applied.report)).to.deep.equal(changeKeys(check.report));
    expect(changeKeys(applied.report)).to.deep.equal([
      'h1|demo-base|forwarding on',
      'h1|demo-web|motd',
      'h2|demo-web|index page',
    ]);
    expect(await onHost(LAB, 'h1', 'cat /etc/demo/motd /proc/sys/net/ipv4/ip_forward')).to.equal('demo host h1\n1\n');
  });

  it('--limit h2 touches only h2', async () => {
    await onHosts(LAB, HOSTS, 'echo drift > /etc/demo/motd');
    const { code, report } = await cliJson(LAB, ['apply', DEMO, '--limit', 'h2']);
    expect(code).to.equal(0);
    expect(Object.keys(report.hosts)).to.deep.equal(['h2']);
    expect(changeKeys(report)).to.deep.equal(['h2|demo-web|motd']);
    const motd = await onHosts(LAB, HOSTS, 'cat /etc/demo/motd');
    expect(motd).to.deep.equal({ h1: 'drift\n', h2: 'demo host h2\n', h3: 'drift\n' });
    // The managed /etc/hosts block still names every host: --limit narrows work, not knowledge.
    expect(await onHost(LAB, 'h2', 'grep -c "^10.240.0.10[1-3] h[1-3]$" /etc/hosts')).to.equal('3\n');
  });

  it('--role demo-base runs only that role', async () => {
    await onHosts(LAB, ['h1', 'h3'], 'echo 0 > /proc/sys/net/ipv4/ip_forward');
    const { code, report } = await cliJson(LAB, ['apply', DEMO, '--role', 'demo-base']);
    expect(code).to.equal(0);
    expect(changeKeys(report)).to.deep.equal(['h1|demo-base|forwarding on', 'h3|demo-base|forwarding on']);
    // demo-web's drift on h1/h3 is untouched.
    expect(await onHost(LAB, 'h1', 'cat /etc/demo/motd')).to.equal('drift\n');
    await cliJson(LAB, ['apply', DEMO]);
  });

  it('a failing task fails only its host (exit 2); the others finish', async () => {
    await onHost(LAB, 'h3', 'rm -f /etc/demo/motd && mkdir -p /etc/demo/motd/blocker');
    await onHosts(LAB, ['h1', 'h2'], 'echo drift > /etc/demo/motd');
    const { code, report } = await cliJson(LAB, ['apply', DEMO]);
    expect(code).to.equal(2);
    expect(report.hosts['h3']!.failed).to.equal(1);
    expect(report.hosts['h1']!.failed + report.hosts['h2']!.failed).to.equal(0);
    expect(await onHosts(LAB, ['h1', 'h2'], 'cat /etc/demo/motd')).to.deep.equal({
      h1: 'demo host h1\n',
      h2: 'demo host h2\n',
    });
    await onHost(LAB, 'h3', 'rm -rf /etc/demo/motd');
    expect((await cliJson(LAB, ['apply', DEMO])).code).to.equal(0);
  });

  it('a stopped host is unreachable (exit 3), the others finish, and --limit @retryfile converges it', async () => {
    await onHosts(LAB, HOSTS, 'echo drift > /etc/demo/motd');
    await stopHost(LAB, 'h3');
    try {
      const { code, report, stderr } = await cliJson(LAB, ['apply', DEMO]);
      expect(code, stderr).to.equal(3);
      expect(report.hosts['h3']!.unreachable).to.equal(true);
      expect(report.hosts['h1']!.changed).to.equal(1);
      expect(report.hosts['h2']!.changed).to.equal(1);
      expect(await readFile(join(stateDir, 'runs', 'last-failed'), 'utf8')).to.equal('h3\n');
    } finally {
      await startHost(LAB, 'h3');
    }
    const retry = await cliJson(LAB, ['apply', DEMO, '--limit', `@${join(stateDir, 'runs', 'last-failed')}`]);
    expect(retry.code).to.equal(0);
    expect(Object.keys(retry.report.hosts)).to.deep.equal(['h3']);
    expect(changeKeys(retry.report)).to.contain('h3|demo-web|motd');
    expect(await onHost(LAB, 'h3', 'cat /etc/demo/motd')).to.equal('demo host h3\n');
  });

  it('a changed host key is refused before anything is sent, naming both fingerprints', async () => {
    const lab = await info(LAB);
    const original = await readFile(lab.knownHosts, 'utf8');
    const h2 = lab.hosts.find((h) => h.name === 'h2')!;
    const tmp = `/tmp/orchestrate-e2e-key-${process.pid}`;
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', tmp]);
    const otherKey = (await readFile(`${tmp}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    const forged = original
      .split('\n')
      .map((l) => (l.startsWith(`${h2.address} `) ? `${h2.address} ${otherKey}` : l))
      .join('\n');
    await onHost(LAB, 'h2', 'echo drift > /etc/demo/motd');
    await writeFile(lab.knownHosts, forged);
    try {
      const r = await cli(LAB, ['apply', DEMO, '--limit', 'h2']);
      expect(r.code).to.equal(3);
      expect(r.stdout + r.stderr)
        .to.match(/HOST_KEY_MISMATCH|host key/i)
        .and.match(/SHA256:[A-Za-z0-9+/]{43}[\s\S]*SHA256:[A-Za-z0-9+/]{43}/);
    } finally {
      await writeFile(lab.knownHosts, original);
    }
    // Nothing was sent before the refusal: the drift is still there.
    expect(await onHost(LAB, 'h2', 'cat /etc/demo/motd')).to.equal('drift\n');
    expect((await cliJson(LAB, ['apply', DEMO, '--limit', 'h2'])).code).to.equal(0);
  });

  it('killed with SIGKILL after a change and before its handler, the next apply runs the handler', async () => {
    const first = await cliJson(LAB, ['apply', SLOW, '--limit', 'h1']);
    expect(first.code, first.stderr).to.equal(0);
    expect(await onHost(LAB, 'h1', 'wc -l < /var/lib/slowtest/restarts')).to.equal('1\n');
    await onHost(LAB, 'h1', 'rm -f /var/lib/slowtest/slept');
    const run = await startCli(LAB, ['apply', SLOW, '--limit', 'h1', '-e', 'slow_version=2']);
    await waitFor(async () => (await onHost(LAB, 'h1', 'cat /var/lib/slowtest/config')).includes('version 2'));
    process.kill(-run.child.pid!, 'SIGKILL');
    await run.done;
    // The remote script dies at its next output after the connection is gone; let it.
    await waitFor(async () =>
      (await onHost(LAB, 'h1', 'pgrep -x sleep >/dev/null && echo busy || echo idle')).includes('idle'),
    );
    expect(await onHost(LAB, 'h1', 'wc -l < /var/lib/slowtest/restarts; ls /var/lib/orchestrate/pending/')).to.equal(
      '1\nslow--record_restart\n',
    );
    await onHost(LAB, 'h1', 'touch /var/lib/slowtest/slept');
    const next = await cliJson(LAB, ['apply', SLOW, '--limit', 'h1', '-e', 'slow_version=2']);
    expect(next.code).to.equal(0);
    expect(changeKeys(next.report)).to.deep.equal(['h1|slow|handler: record restart']);
    expect(
      await onHost(LAB, 'h1', 'wc -l < /var/lib/slowtest/restarts; ls /var/lib/orchestrate/pending/ | wc -l'),
    ).to.equal('2\n0\n');
  });

  it('two applies on one host: the second is refused by the host lock, clearly', async () => {
    await onHost(LAB, 'h2', 'rm -f /var/lib/slowtest/slept');
    const a = await startCli(LAB, ['apply', SLOW, '--limit', 'h2']);
    await waitFor(async () =>
      (await onHost(LAB, 'h2', 'pgrep -x sleep >/dev/null && echo busy || echo idle')).includes('busy'),
    );
    const b = await cli(LAB, ['apply', SLOW, '--limit', 'h2', '--lock-wait', '0']);
    expect(b.code).to.equal(2);
    expect(b.stdout + b.stderr)
      .to.match(/LOCK_HELD/)
      .and.match(/orchestrate apply/);
    expect((await a.done).code).to.equal(0);
  });
});
