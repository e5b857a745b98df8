import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOrchestrateError } from '../../../../src/errors.ts';
import { Secret } from '../../../../src/secret.ts';
import { defineHandler } from '../../../../src/executor/define.ts';
import { systemdService } from '../../../../src/modules/index.ts';
import {
  CONTROL_PLANE_PKI,
  ETCD_PKI,
  kubeletPki,
  pkiFilesFor,
  pkiFileTasks,
} from '../../../../kubernetes/pki/index.ts';
import type { PkiComponent } from '../../../../kubernetes/pki/index.ts';
import { kthwModel, sharedState } from '../../../unit/kubernetes/pki/fixtures.ts';
import { tempDir } from '../../../support/temp-dir.ts';

/** Component -> [path, mode, state-dir source ('' for rendered files)] on a host that runs it. */
const TABLE: { host: string; component: PkiComponent; files: [string, string, string][] }[] = [
  {
    host: 'controller-1',
    component: 'etcd',
    files: [
      ['/etc/etcd/ca.pem', '0644', 'ca.pem'],
      ['/etc/etcd/etcd-server.pem', '0644', 'etcd-server-controller-1.pem'],
      ['/etc/etcd/etcd-server-key.pem', '0600', 'etcd-server-controller-1-key.pem'],
      ['/etc/etcd/etcd-peer.pem', '0644', 'etcd-peer-controller-1.pem'],
      ['/etc/etcd/etcd-peer-key.pem', '0600', 'etcd-peer-controller-1-key.pem'],
    ],
  },
  {
    host: 'controller-0',
    component: 'kube-apiserver',
    files: [
      ['/var/lib/kubernetes/ca.pem', '0644', 'ca.pem'],
      ['/var/lib/kubernetes/ca-key.pem', '0600', 'ca-key.pem'],
      ['/var/lib/kubernetes/kubernetes.pem', '0644', 'kubernetes.pem'],
      ['/var/lib/kubernetes/kubernetes-key.pem', '0600', 'kubernetes-key.pem'],
      ['/var/lib/kubernetes/service-account.pem', '0644', 'service-account.pem'],
      ['/var/lib/kubernetes/service-account-key.pem', '0600', 'service-account-key.pem'],
      ['/var/lib/kubernetes/apiserver-etcd-client.pem', '0644', 'apiserver-etcd-client.pem'],
      ['/var/lib/kubernetes/apiserver-etcd-client-key.pem', '0600', 'apiserver-etcd-client-key.pem'],
      ['/var/lib/kubernetes/encryption-config.yaml', '0600', ''],
    ],
  },
  {
    host: 'controller-2',
    component: 'kube-controller-manager',
    files: [
      ['/var/lib/kubernetes/ca.pem', '0644', 'ca.pem'],
      ['/var/lib/kubernetes/ca-key.pem', '0600', 'ca-key.pem'],
      ['/var/lib/kubernetes/service-account-key.pem', '0600', 'service-account-key.pem'],
      ['/var/lib/kubernetes/kube-controller-manager.kubeconfig', '0600', ''],
    ],
  },
  {
    host: 'controller-0',
    component: 'kube-scheduler',
    files: [['/var/lib/kubernetes/kube-scheduler.kubeconfig', '0600', '']],
  },
  { host: 'controller-0', component: 'admin', files: [['/var/lib/kubernetes/admin.kubeconfig', '0600', '']] },
  {
    host: 'worker-2',
    component: 'kubelet',
    files: [
      ['/var/lib/kubelet/ca.pem', '0644', 'ca.pem'],
      ['/var/lib/kubelet/worker-2.pem', '0644', 'kubelet-worker-2.pem'],
      ['/var/lib/kubelet/worker-2-key.pem', '0600', 'kubelet-worker-2-key.pem'],
      ['/var/lib/kubelet/kubeconfig', '0600', ''],
    ],
  },
  { host: 'worker-0', component: 'kube-proxy', files: [['/var/lib/kube-proxy/kubeconfig', '0600', '']] },
];

describe('kubernetes/pki pkiFilesFor', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = (await sharedState()).dir;
  });

  for (const t of TABLE)
    it(`${t.component} on ${t.host}: paths, modes, contents from the state dir; keys are Secrets`, () => {
      const files = pkiFilesFor(kthwModel(), dir, t.host, t.component);
      expect(files.map((f) => [f.path, f.mode])).to.deep.equal(t.files.map(([p, m]) => [p, m]));
      for (const [path, mode, source] of t.files) {
        const f = files.find((x) => x.path === path)!;
        expect(f.content instanceof Secret, path).to.equal(mode === '0600');
        const text = f.content instanceof Secret ? f.content.reveal() : f.content;
        if (source) expect(text, path).to.equal(readFileSync(join(dir, 'pki', source), 'utf8'));
      }
    });

  it('the path constants are the ones placed', () => {
    expect(ETCD_PKI.cert).to.equal('/etc/etcd/etcd-server.pem');
    expect(CONTROL_PLANE_PKI.encryptionConfig).to.equal('/var/lib/kubernetes/encryption-config.yaml');
    expect(kubeletPki('worker-9').key).to.equal('/var/lib/kubelet/worker-9-key.pem');
  });

  it('GIVEN a host that does not run the component THEN PLAYBOOK_INVALID naming the right hosts', () => {
    try {
      pkiFilesFor(kthwModel(), dir, 'worker-0', 'etcd');
      expect.fail('no error');
    } catch (err) {
      expect(isOrchestrateError(err, 'PLAYBOOK_INVALID')).to.equal(true);
      expect((err as { fix: string }).fix).to.equal(
        'run the etcd role on controller-0, controller-1, controller-2 only',
      );
    }
    expect(() => pkiFilesFor(kthwModel(), dir, 'controller-0', 'kubelet')).to.throw(/does not run kubelet/);
  });

  it('GIVEN a state dir without a PKI (and no check run) THEN STATE_DIR_INVALID, never an empty file', () => {
    try {
      pkiFilesFor(kthwModel(), tempDir(), 'worker-0', 'kube-proxy');
      expect.fail('no error');
    } catch (err) {
      expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
      expect((err as { fix: string }).fix).to.match(/ensurePki\(model, stateDir\) in its prepare step/);
    }
  });

  it('pkiFileTasks: one file task per file, tagged pki, notifying the handlers', () => {
    const restart = defineHandler({
      name: 'restart etcd',
      action: systemdService({ name: 'etcd', state: 'restarted' }),
    });
    const tasks = pkiFileTasks(pkiFilesFor(kthwModel(), dir, 'controller-0', 'etcd'), [restart]);
    expect(tasks.map((t) => t.name)).to.deep.equal(TABLE[0]!.files.map(([p]) => `pki ${p}`));
    expect(tasks.every((t) => t.notify?.[0] === restart && t.tags?.[0] === 'pki')).to.equal(true);
    const key = tasks[2]!.action as unknown as { params: { mode: string; content: unknown } };
    expect(key.params.mode).to.equal('0600');
    expect(key.params.content).to.be.instanceOf(Secret);
    expect(pkiFileTasks([])).to.deep.equal([]);
  });
});
