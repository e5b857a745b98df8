import { expect } from 'chai';
import { parse } from 'yaml';
import { kubeProxy } from '../../../../roles/kube-proxy/index.ts';
import { renderKubeProxyConfig, renderKubeProxyUnit } from '../../../../roles/kube-proxy/config.ts';
import { factsOf } from '../../../unit/roles/kubelet/facts.ts';
import { contentOf, notified, roleLab, task, type Lab } from '../../kubernetes/api/role-context.ts';
import { healthFor, tasksFor } from '../../../../src/testing.ts';

describe('roles/kube-proxy', () => {
  describe('roles/kube-proxy', () => {
    it('GIVEN a worker WHEN the config is rendered THEN iptables mode, the cluster CIDR, its kubeconfig', () => {
      const text = renderKubeProxyConfig({ node: 'worker-2', clusterCidr: '10.200.0.0/16' });
      expect(text.split('\n')[0]).to.match(/^# Managed by orchestrate/);
      expect(parse(text)).to.deep.equal({
        kind: 'KubeProxyConfiguration',
        apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
        clientConnection: { kubeconfig: '/var/lib/kube-proxy/kubeconfig' },
        mode: 'iptables',
        clusterCIDR: '10.200.0.0/16',
        hostnameOverride: 'worker-2',
        healthzBindAddress: '0.0.0.0:10256',
      });
    });

    it('THEN the unit runs the binary with --config and restarts on failure', () => {
      const unit = renderKubeProxyUnit();
      expect(unit).to.contain(
        'ExecStart=/usr/local/bin/kube-proxy \\\n  --config=/var/lib/kube-proxy/kube-proxy-config.yaml\n',
      );
      expect(unit).to.contain('Restart=on-failure\nRestartSec=5\n');
    });

    describe('role', function () {
      this.timeout(60_000);
      let lab: Lab;
      before(async () => (lab = await roleLab()));
      after(() => lab.cleanup());

      it('GIVEN a worker THEN binary, kubeconfig, config and unit all restart kube-proxy; the gate polls :10256', () => {
        const ctx = lab.context(kubeProxy, 'worker-0', factsOf('ubuntu2204'));
        const tasks = tasksFor(kubeProxy, ctx);
        for (const name of ['kube-proxy binary', 'pki /var/lib/kube-proxy/kubeconfig', 'kube-proxy config', 'unit'])
          expect(notified(task(tasks, name)), name).to.deep.equal(['restart kube-proxy']);
        expect(contentOf(task(tasks, 'pki /var/lib/kube-proxy/kubeconfig'))).to.contain('name: system:kube-proxy');
        expect(healthFor(kubeProxy, ctx)!.check).to.equal('curl -fsS --max-time 5 http://127.0.0.1:10256/healthz');
      });

      it('GIVEN a controller THEN PLAYBOOK_INVALID (workers only)', () => {
        expect(() => tasksFor(kubeProxy, lab.context(kubeProxy, 'controller-0', factsOf('ubuntu2204')))).to.throw(
          /does not run kube-proxy/,
        );
      });
    });
  });
});
