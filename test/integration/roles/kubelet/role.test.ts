import { expect } from 'chai';
import { parse } from 'yaml';
import { isOrchestrateError } from '../../../../src/errors.ts';
import { kubelet } from '../../../../roles/kubelet/index.ts';
import { contentOf, notified, roleLab, task, type Lab } from '../../kubernetes/api/role-context.ts';
import { factsOf, plainWith, stubWithLoopbackUpstream } from '../../../unit/roles/kubelet/facts.ts';
import { healthFor, tasksFor } from '../../../../src/testing.ts';

describe('roles/kubelet tasks', function () {
  this.timeout(60_000);
  let lab: Lab;
  before(async () => (lab = await roleLab()));
  after(() => lab.cleanup());

  it('GIVEN an Ubuntu worker behind the resolved stub THEN the config points pods at the upstream file', () => {
    const tasks = tasksFor(kubelet, lab.context(kubelet, 'worker-1', factsOf('ubuntu2004')));
    const config = parse(contentOf(task(tasks, 'kubelet config'))) as Record<string, unknown>;
    expect(config['resolvConf']).to.equal('/run/systemd/resolve/resolv.conf');
    expect(config['podCIDR']).to.match(/^10\.200\.\d+\.0\/24$/);
    expect(config['clusterDNS']).to.deep.equal(['10.32.0.10']);
    expect(contentOf(task(tasks, 'dns.upstream resolved drop-in'))).to.equal('(absent)');
    expect(notified(task(tasks, 'dns.upstream resolved drop-in'))).to.deep.equal(['restart systemd-resolved']);
    expect(tasks.map((t) => t.name)).to.include.members([
      'kubelet binary',
      'pki /var/lib/kubelet/ca.pem',
      'pki /var/lib/kubelet/worker-1.pem',
      'pki /var/lib/kubelet/worker-1-key.pem',
      'pki /var/lib/kubelet/kubeconfig',
      'unit',
      'running',
    ]);
    for (const t of tasks.filter((x) => x.name.startsWith('pki ') || x.name === 'unit' || x.name === 'kubelet binary'))
      expect(notified(t), t.name).to.deep.equal(['restart kubelet']);
  });

  it('GIVEN a loopback upstream and no dns.upstream THEN tasks() stops the host with the CoreDNS-loop error', () => {
    expect(() => tasksFor(kubelet, lab.context(kubelet, 'worker-0', stubWithLoopbackUpstream())))
      .to.throw(/CoreDNS forwarding loop/)
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAN_CONFLICT'));
  });

  it('GIVEN dns.upstream and resolved running THEN the drop-in is written and resolved restarts', () => {
    const ctx = lab.context(kubelet, 'worker-0', stubWithLoopbackUpstream(), { dns: { upstream: ['10.0.2.3'] } });
    const tasks = tasksFor(kubelet, ctx);
    const dropIn = task(tasks, 'dns.upstream resolved drop-in');
    expect(contentOf(dropIn)).to.contain('DNS=10.0.2.3');
    expect(notified(dropIn)).to.deep.equal(['restart systemd-resolved']);
    expect(parse(contentOf(task(tasks, 'kubelet config'))).resolvConf).to.equal('/run/systemd/resolve/resolv.conf');
    expect(kubelet.handlers.map((h) => h.name)).to.deep.equal(['restart systemd-resolved', 'restart kubelet']);
  });

  it('GIVEN dns.upstream and no resolved THEN a resolv.conf of our own, and resolved is never restarted', () => {
    const ctx = lab.context(kubelet, 'worker-2', plainWith(['127.0.0.1']), { dns: { upstream: ['192.168.122.1'] } });
    const tasks = tasksFor(kubelet, ctx);
    expect(contentOf(task(tasks, 'dns.upstream kubelet resolv.conf'))).to.contain('nameserver 192.168.122.1');
    expect(notified(task(tasks, 'dns.upstream resolved drop-in'))).to.deep.equal([]);
    expect(parse(contentOf(task(tasks, 'kubelet config'))).resolvConf).to.equal('/etc/orchestrate/kubelet-resolv.conf');
    expect(healthFor(kubelet, ctx)!.check).to.contain('/etc/orchestrate/kubelet-resolv.conf');
  });

  it('GIVEN a controller THEN the role refuses it (workers only)', () => {
    expect(() => tasksFor(kubelet, lab.context(kubelet, 'controller-0', factsOf('debian12Plain'))))
      .to.throw(/not a worker/)
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });
});
