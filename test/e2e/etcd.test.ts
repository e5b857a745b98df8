// A real 3-member etcd cluster with TLS (etcd built from its Go module into the lab's mirror): built, re-applied, limited, re-keyed.

import { expect } from 'chai';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labRun } from '../../src/lab/index.ts';
import {
  changeKeys,
  cliJson,
  dropLab,
  freshLab,
  labStateDir,
  onHost,
  onHosts,
  startCli,
  E2E_RELEASE,
} from './support/lab.ts';

const LAB = 'e2e-etcd';
const MEMBERS = ['controller-0', 'controller-1', 'controller-2'];
const ENDPOINTS = MEMBERS.map((_, i) => `https://10.240.0.1${i}:2379`).join(',');
const STOP = `/tmp/orchestrate-e2e-stop-writes-${process.pid}`;
const ETCDCTL = `/var/cache/orchestrate/artifacts/etcd/${E2E_RELEASE.etcd}/amd64/etcdctl`;

describe('e2e: playbooks/etcd.ts on 3 lab hosts (real etcd)', function () {
  this.timeout(600_000);
  let pki = '';
  /** etcdctl on the control machine, inside the lab's netns, with a client cert from the PKI. */
  const etcdctl = async (...args: string[]) => {
    const r = await labRun(LAB, [
      'env',
      'ETCDCTL_API=3',
      ETCDCTL,
      `--endpoints=${ENDPOINTS}`,
      `--cacert=${pki}/ca.pem`,
      `--cert=${pki}/apiserver-etcd-client.pem`,
      `--key=${pki}/apiserver-etcd-client-key.pem`,
      ...args,
    ]);
    return r;
  };

  before(async () => {
    await freshLab(LAB, { kind: 'cluster', controllers: 3, workers: 1 });
    pki = join(await labStateDir(LAB), 'pki');
  });
  after(async () => dropLab(LAB));

  it('builds a healthy 3-member TLS cluster', async () => {
    const { code, report, stderr } = await cliJson(LAB, ['apply', 'playbooks/etcd.ts']);
    expect(code, stderr).to.equal(0);
    expect(Object.keys(report.hosts)).to.deep.equal(MEMBERS);
    const list = await etcdctl('member', 'list');
    expect(list.code, list.stderr).to.equal(0);
    for (const [i, m] of MEMBERS.entries())
      expect(list.stdout).to.contain(`started, ${m}, https://10.240.0.1${i}:2380, https://10.240.0.1${i}:2379`);
    const health = await etcdctl('endpoint', 'health');
    expect(health.code, health.stderr).to.equal(0);
    expect((health.stdout + health.stderr).match(/is healthy/g)).to.have.length(3);
    const modes = await onHosts(LAB, MEMBERS, 'stat -c %a /var/lib/etcd /etc/etcd/etcd-server-key.pem');
    for (const m of MEMBERS) expect(modes[m]).to.equal('700\n600\n');
  });

  it('the second apply reports changed = 0', async () => {
    const { code, report } = await cliJson(LAB, ['apply', 'playbooks/etcd.ts']);
    expect(code).to.equal(0);
    for (const m of MEMBERS) expect(report.hosts[m]!.changed, m).to.equal(0);
  });

  it('--limit one member with --role etcd still renders the full peer list', async () => {
    await onHost(
      LAB,
      'controller-1',
      "sed -i 's/--initial-cluster [^ ]*/--initial-cluster broken/' /etc/systemd/system/etcd.service",
    );
    const { code, report } = await cliJson(LAB, [
      'apply',
      'playbooks/etcd.ts',
      '--limit',
      'controller-1',
      '--role',
      'etcd',
    ]);
    expect(code).to.equal(0);
    expect(Object.keys(report.hosts)).to.deep.equal(['controller-1']);
    expect(changeKeys(report)).to.deep.equal(['controller-1|etcd|handler: restart etcd', 'controller-1|etcd|unit']);
    const unit = await onHost(LAB, 'controller-1', 'cat /etc/systemd/system/etcd.service');
    expect(unit).to.contain(
      '--initial-cluster controller-0=https://10.240.0.10:2380,controller-1=https://10.240.0.11:2380,controller-2=https://10.240.0.12:2380',
    );
  });

  it('reissued etcd certs restart the members one at a time; a write loop sees no failed write', async () => {
    await rm(STOP, { force: true });
    const before = await onHosts(LAB, MEMBERS, 'sha256sum < /etc/etcd/etcd-server.pem');
    for (const m of MEMBERS)
      for (const kind of ['server', 'peer'])
        for (const sfx of ['', '-key']) await rm(join(pki, `etcd-${kind}-${m}${sfx}.pem`));
    // The writer: one etcdctl put every 50 ms across all endpoints, for the whole apply. A put that
    // reaches a member while it stops waits for that member's shutdown (seconds on a loaded 2-core
    // machine); 15 s is still far below what the apiserver waits on etcd, and fails count every error.
    const writer = labRun(LAB, [
      'sh',
      '-c',
      `i=0; fails=0; while [ ! -e ${STOP} ]; do i=$((i+1)); ETCDCTL_API=3 ${ETCDCTL} --endpoints=${ENDPOINTS} --cacert=${pki}/ca.pem --cert=${pki}/apiserver-etcd-client.pem --key=${pki}/apiserver-etcd-client-key.pem --command-timeout=15s put loop "$i" >/dev/null 2>/tmp/orchestrate-e2e-write-err || { fails=$((fails+1)); cat /tmp/orchestrate-e2e-write-err; }; sleep 0.05; done; echo "writes=$i fails=$fails"`,
    ]);
    const run = await startCli(LAB, ['apply', 'playbooks/etcd.ts', '--json']);
    const applied = await run.done;
    await writeFile(STOP, '');
    const w = await writer;
    await rm(STOP, { force: true });
    expect(applied.code, applied.stderr).to.equal(0);
    expect(w.stdout, w.stdout).to.match(/writes=\d+ fails=0/);
    expect(Number(/writes=(\d+)/.exec(w.stdout)![1])).to.be.greaterThan(20);
    const after = await onHosts(LAB, MEMBERS, 'sha256sum < /etc/etcd/etcd-server.pem');
    for (const m of MEMBERS) expect(after[m], m).to.not.equal(before[m]);
    // One at a time: in the run's event log every restart is followed by that member's health gate
    // before the next member restarts.
    const logs = (await labRun(LAB, ['sh', '-c', `ls -t ${join(pki, '..', 'runs')}/*.jsonl | head -1 | xargs cat`]))
      .stdout;
    const seq = logs
      .split('\n')
      .filter((l) => l.includes('"type":"handler"') || l.includes('"type":"health"'))
      .map((l) => JSON.parse(l) as { type: string; host: string })
      .map((e) => `${e.type}:${e.host}`);
    expect(seq).to.have.length(6);
    for (let i = 0; i < 6; i += 2) {
      expect(seq[i]).to.match(/^handler:/);
      expect(seq[i + 1]).to.equal(seq[i]!.replace('handler:', 'health:'));
    }
    const health = await etcdctl('endpoint', 'health');
    expect((health.stdout + health.stderr).match(/is healthy/g)).to.have.length(3);
    expect((await etcdctl('get', 'loop', '--print-value-only')).stdout.trim()).to.match(/^\d+$/);
  });
});
