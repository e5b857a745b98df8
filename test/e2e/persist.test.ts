// --persist on 2 real lab hosts: the connection mux keeps each host's SSH connection between runs
// (OpenSSH's ControlPersist, for orchestrate), and a killed run still lets go of what it held.

import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labDown } from '../../src/lab/index.ts';
import {
  cli,
  cliJson,
  dropLab,
  freshLab,
  info,
  labStateDir,
  onHost,
  onHosts,
  startCli,
  waitFor,
} from './support/lab.ts';

const LAB = 'e2e-persist';
const HOSTS = ['h1', 'h2'];
const DEMO = 'playbooks/demo.ts';
const SLOW = 'test/e2e/playbooks/slow.ts';
const PERSIST = ['--persist', '60'];

/** The host's established sshd connections, as peer address:port, leaving out the one asking. */
const PEERS = `set -- $SSH_CLIENT; ss -Htn state established '( sport = :22 )' | awk '{print $4}' | grep -vxF "$1:$2" | sort || true`;
const lines = (s: string): string[] => s.split('\n').filter(Boolean);

/** mux processes serving the lab's state dir (pids). */
function muxPids(stateDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `__mux ${stateDir}/mux/`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

describe('e2e: --persist keeps SSH connections between runs (connection mux)', function () {
  this.timeout(300_000);
  let stateDir = '';
  const peers: Record<string, string[]> = {};

  before(async () => {
    await freshLab(LAB, { kind: 'plain', count: 2 });
    stateDir = await labStateDir(LAB);
  });
  after(async () => dropLab(LAB));

  it('the first apply leaves one connection per host open, held by a mux whose socket only its user can open', async () => {
    const { code, stderr } = await cliJson(LAB, ['apply', DEMO, ...PERSIST]);
    expect(code, stderr).to.equal(0);
    expect(stderr, 'the mux was used, not bypassed').not.to.contain('connection mux not used');
    expect(muxPids(stateDir)).to.have.length(1);
    const sock = (await readdir(join(stateDir, 'mux'))).find((f) => f.endsWith('.sock'))!;
    expect((await stat(join(stateDir, 'mux', sock))).mode & 0o777).to.equal(0o600);
    expect((await stat(join(stateDir, 'mux'))).mode & 0o777).to.equal(0o700);
    const open = await onHosts(LAB, HOSTS, PEERS);
    for (const h of HOSTS) {
      peers[h] = lines(open[h]!);
      expect(peers[h], `${h}: connections left open by the run`).to.have.length(1);
    }
  });

  it('the second apply runs on those very connections: changed 0, one round trip, no new connection', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', DEMO, ...PERSIST]);
    expect(code, stderr).to.equal(0);
    for (const h of HOSTS) {
      expect(report.hosts[h]!.changed, h).to.equal(0);
      expect(report.hosts[h]!.roundTrips, h).to.equal(1);
    }
    const open = await onHosts(LAB, HOSTS, PEERS);
    for (const h of HOSTS) expect(lines(open[h]!), h).to.deep.equal(peers[h]);
    expect(muxPids(stateDir)).to.have.length(1);
  });

  it('a run killed mid-script lets go at once: its script is stopped, the host lock is free, the connection stays', async () => {
    expect((await cliJson(LAB, ['apply', SLOW, '--limit', 'h1', ...PERSIST])).code).to.equal(0);
    await onHost(LAB, 'h1', 'rm -f /var/lib/slowtest/slept');
    const run = await startCli(LAB, ['apply', SLOW, '--limit', 'h1', ...PERSIST]);
    await waitFor(async () =>
      (await onHost(LAB, 'h1', 'pgrep -x sleep >/dev/null && echo busy || echo idle')).includes('busy'),
    );
    process.kill(-run.child.pid!, 'SIGKILL');
    await run.done;
    // The mux closed the dead run's channels: the watchdog stops the script (TERM; KILL 5 s later).
    await waitFor(
      async () => (await onHost(LAB, 'h1', 'pgrep -x sleep >/dev/null && echo busy || echo idle')).includes('idle'),
      15_000,
    );
    expect(await onHost(LAB, 'h1', 'test -e /var/lib/slowtest/slept && echo slept || echo stopped')).to.equal(
      'stopped\n',
    );
    // The lock went with the run: no wait, no LOCK_HELD.
    const next = await cliJson(LAB, ['apply', SLOW, '--limit', 'h1', '--lock-wait', '0', ...PERSIST]);
    expect(next.code, next.stderr).to.equal(0);
    expect(lines((await onHosts(LAB, ['h1'], PEERS))['h1']!)).to.deep.equal(peers['h1']);
  });

  it('the host key is checked again on every reuse: a key dropped from known_hosts is refused (exit 3)', async () => {
    const knownHosts = (await info(LAB)).knownHosts;
    const before = await readFile(knownHosts, 'utf8');
    const h2 = (await info(LAB)).hosts.find((h) => h.name === 'h2')!;
    await writeFile(
      knownHosts,
      before
        .split('\n')
        .filter((l) => !l.startsWith(`${h2.address} `))
        .join('\n'),
    );
    try {
      const r = await cli(LAB, ['apply', DEMO, '--limit', 'h2', ...PERSIST]);
      expect(r.code, r.stdout + r.stderr).to.equal(3);
      expect(r.stdout + r.stderr)
        .to.contain('h2')
        .and.contain('not in known_hosts');
    } finally {
      await writeFile(knownHosts, before);
    }
    // Refused means dropped: the next run connects afresh (and the restored file accepts it).
    const again = await cliJson(LAB, ['apply', DEMO, '--limit', 'h2', ...PERSIST]);
    expect(again.code, again.stderr).to.equal(0);
    expect(lines((await onHosts(LAB, ['h2'], PEERS))['h2']!)).not.to.deep.equal(peers['h2']);
  });

  it('lab down stops the mux', async () => {
    expect(muxPids(stateDir)).to.have.length(1);
    await labDown(LAB);
    expect(muxPids(stateDir)).to.deep.equal([]);
  });
});
