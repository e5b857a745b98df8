// On 3 plain lab hosts: a failing health gate stops a serial rollout before the next host; host
// keys at the CLI (unknown refused, accept-new recorded once then enforced); two applies on overlapping
// hosts never interleave on the host they share.

import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliJson, dropLab, freshLab, info, labStateDir, onHost, onHosts, startCli } from './support/lab.ts';
import { readRunLog, runLogs, type LogEvent } from './support/run-log.ts';

const LAB = 'e2e-fault-runs';
const GATE = 'test/e2e/playbooks/serial-gate.ts';
const FILE = 'test/e2e/playbooks/fault-file.ts';
const INTERLEAVE = 'test/e2e/playbooks/interleave.ts';

/** SHA256:... of a known_hosts line's key. */
function fingerprint(line: string): string {
  return execFileSync('ssh-keygen', ['-lf', '-'], { input: line, encoding: 'utf8' }).split(' ')[1]!;
}

describe('e2e: serial gate, host keys at the CLI, overlapping applies (3 lab hosts)', function () {
  this.timeout(600_000);

  before(async () => freshLab(LAB, { kind: 'plain', count: 3 }));
  after(async () => dropLab(LAB));

  it('serial: 1 with a health gate failing on the first host: exit 2, the second host never touched', async () => {
    const before = new Set(await runLogs(await labStateDir(LAB)));
    const { code, report, stderr } = await cliJson(LAB, ['apply', GATE]);
    expect(code, stderr).to.equal(2);
    expect(report.hosts['h1']!.failed).to.equal(1);
    expect(report.hosts['h2']).to.include({ changed: 0, failed: 0 });
    expect(await onHosts(LAB, ['h1', 'h2'], 'cat /var/lib/gatetest/version 2>/dev/null || echo absent')).to.deep.equal({
      h1: '1\n',
      h2: 'absent\n',
    });
    const events = await readRunLog((await runLogs(await labStateDir(LAB))).find((p) => !before.has(p))!);
    const failed = events.find((e) => e.type === 'host-failed' && e.host === 'h1');
    expect(failed?.['error'], 'the gate failure, named').to.deep.include({ code: 'HEALTH_GATE_FAILED' });
    expect((failed!['error'] as { message: string }).message).to.contain('"not on h1" of gated failed on h1');
    const h2 = events.filter((e) => e.host === 'h2').map((e) => e.type);
    expect(h2, 'h2 was connected (facts) but no role ran there').to.deep.equal(['host-connected']);
  });

  describe('host keys through `orchestrate apply`', () => {
    let dir = '';
    let inventory = '';
    let knownHosts = '';
    let h1Line = '';

    before(async () => {
      const lab = await info(LAB);
      dir = await mkdtemp(join(tmpdir(), 'orchestrate-e2e-keys-'));
      inventory = join(dir, 'inventory.yaml');
      knownHosts = join(dir, 'known_hosts');
      const yaml = await readFile(lab.inventory, 'utf8');
      await writeFile(inventory, yaml.replace(lab.knownHosts, knownHosts));
      const addr = lab.hosts.find((h) => h.name === 'h1')!.address;
      h1Line = (await readFile(lab.knownHosts, 'utf8')).split('\n').find((l) => l.startsWith(`${addr} `))!;
    });

    it('an unknown key under strict (the default): refused, exit 3, the fingerprint and the fix named', async () => {
      await writeFile(knownHosts, '', { mode: 0o600 });
      const r = await cli(LAB, ['apply', FILE, '-i', inventory, '--limit', 'h1']);
      expect(r.code, r.stdout + r.stderr).to.equal(3);
      expect(r.stdout + r.stderr)
        .to.contain('HOST_KEY_UNKNOWN')
        .and.contain(fingerprint(h1Line))
        .and.contain('accept-new');
      expect(await readFile(knownHosts, 'utf8')).to.equal('');
    });

    it('--accept-new-host-keys records the new key once, then it is enforced like any known key', async () => {
      const first = await cli(LAB, ['apply', FILE, '-i', inventory, '--limit', 'h1', '--accept-new-host-keys']);
      expect(first.code, first.stderr).to.equal(0);
      const recorded = await readFile(knownHosts, 'utf8');
      expect(recorded.trim().split('\n')).to.have.length(1);
      expect(fingerprint(recorded)).to.equal(fingerprint(h1Line));
      const again = await cli(LAB, ['apply', FILE, '-i', inventory, '--limit', 'h1', '--accept-new-host-keys']);
      expect(again.code, again.stderr).to.equal(0);
      expect(await readFile(knownHosts, 'utf8')).to.equal(recorded);
      // The recorded key now holds without accept-new (strict).
      expect((await cli(LAB, ['apply', FILE, '-i', inventory, '--limit', 'h1'])).code).to.equal(0);
    });

    it('a changed key is refused even with --accept-new-host-keys: exit 3, both fingerprints, the file untouched', async () => {
      const other = join(dir, 'other');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
      const otherKey = (await readFile(`${other}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
      const forged = `${h1Line.split(' ')[0]} ${otherKey}\n`;
      await writeFile(knownHosts, forged);
      const r = await cli(LAB, ['apply', FILE, '-i', inventory, '--limit', 'h1', '--accept-new-host-keys']);
      expect(r.code, r.stdout + r.stderr).to.equal(3);
      expect(r.stdout + r.stderr)
        .to.contain('HOST_KEY_MISMATCH')
        .and.contain(fingerprint(h1Line))
        .and.contain(fingerprint(forged));
      expect(await readFile(knownHosts, 'utf8')).to.equal(forged);
    });
  });

  it('two applies on overlapping hosts (h1:h2 and h2:h3): on h2 one runs after the other, never interleaved', async () => {
    const stateDir = await labStateDir(LAB);
    const known = new Set(await runLogs(stateDir));
    await onHosts(LAB, ['h1', 'h2', 'h3'], 'rm -rf /var/lib/interleave');
    const a = await startCli(LAB, [
      'apply',
      INTERLEAVE,
      '-l',
      'h1:h2',
      '-e',
      'run_tag=A',
      '-e',
      'run_secs=20',
      '--lock-wait',
      '120',
    ]);
    const busy = async () => (await onHost(LAB, 'h2', 'cat /var/lib/interleave/log 2>/dev/null || true')) !== '';
    for (let i = 0; i < 300 && !(await busy()); i++) await new Promise((r) => setTimeout(r, 100));
    const b = await startCli(LAB, ['apply', INTERLEAVE, '-l', 'h2:h3', '-e', 'run_tag=B', '--lock-wait', '120']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.stderr).to.equal(0);
    expect(rb.code, rb.stderr).to.equal(0);
    const logs = await onHosts(LAB, ['h2', 'h3'], 'cat /var/lib/interleave/log');
    const h2 = logs['h2']!.trim().split('\n');
    expect(h2.map((l) => l.split(' ').slice(0, 2).join(' '))).to.deep.equal(['start A', 'end A', 'start B', 'end B']);
    // And in the run logs: every event of B on h2 comes after the last event of A on h2.
    const fresh = (await runLogs(stateDir)).filter((p) => !known.has(p));
    expect(fresh).to.have.length(2);
    const byTag = new Map<string, LogEvent[]>();
    for (const p of fresh) {
      const ev = await readRunLog(p);
      const hosts = (ev.find((e) => e.type === 'run-start')!['hosts'] as string[]).join(',');
      byTag.set(hosts === 'h1,h2' ? 'A' : 'B', ev);
    }
    const onH2 = (tag: string) =>
      byTag
        .get(tag)!
        .filter((e) => e.host === 'h2' && e.type !== 'host-connected')
        .map((e) => Date.parse(e.time));
    expect(Math.min(...onH2('B'))).to.be.at.least(Math.max(...onH2('A')));
    // The two runs did overlap in time: B had started before A was done on h2 (it waited for the lock).
    const bStart = Date.parse(byTag.get('B')!.find((e) => e.type === 'run-start')!.time);
    expect(bStart * 1e6, `B started ${bStart}, A ended on h2 ${h2[1]}`).to.be.below(Number(h2[1]!.split(' ')[2]));
    expect(
      logs['h3']!.trim()
        .split('\n')
        .map((l) => l.split(' ').slice(0, 2).join(' ')),
    ).to.deep.equal(['start B', 'end B']);
  });
});
