import { expect } from 'chai';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Service } from 'kubernetes-types/core/v1.js';
import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1.js';
import { coredns } from '../../../../roles/coredns/index.ts';
import { corednsManifest } from '../../../../roles/coredns/manifest.ts';
import { objectRef } from '../../../../kubernetes/api/index.ts';
import { factsOf } from '../../../unit/roles/kubelet/facts.ts';
import { roleLab, type Lab } from '../../kubernetes/api/role-context.ts';
import { healthFor, tasksFor } from '../../../../src/testing.ts';

describe('roles/coredns manifest', () => {
  describe('roles/coredns manifest', () => {
    const objects = corednsManifest({
      clusterDomain: 'cluster.local',
      dnsIp: '10.32.0.10',
      image: 'coredns/coredns:1.11.3',
      replicas: 2,
    });
    const byKind = <T>(kind: string): T => objects.find((o) => o.kind === kind) as T;

    it('THEN six objects, dependencies first', () => {
      expect(objects.map((o) => objectRef(o).label)).to.deep.equal([
        'ServiceAccount kube-system/coredns',
        'ClusterRole system:coredns',
        'ClusterRoleBinding system:coredns',
        'ConfigMap kube-system/coredns',
        'Deployment kube-system/coredns',
        'Service kube-system/kube-dns',
      ]);
    });

    it('THEN the Service kube-dns has the cluster DNS IP and selects the pods', () => {
      const svc = byKind<Service>('Service');
      expect(svc.spec?.clusterIP).to.equal('10.32.0.10');
      expect(svc.spec?.selector).to.deep.equal({ 'k8s-app': 'kube-dns' });
      expect(svc.spec?.ports?.map((p) => `${p.name}/${p.port}/${p.protocol}`)).to.deep.equal([
        'dns/53/UDP',
        'dns-tcp/53/TCP',
        'metrics/9153/TCP',
      ]);
    });

    it('THEN 2 replicas, dnsPolicy Default, the Corefile mounted, pods matching the selector', () => {
      const d = byKind<Deployment>('Deployment');
      expect(d.spec?.replicas).to.equal(2);
      expect(d.spec?.template.spec?.dnsPolicy).to.equal('Default');
      expect(d.spec?.template.metadata?.labels).to.deep.include(d.spec?.selector.matchLabels);
      expect(d.spec?.template.spec?.serviceAccountName).to.equal('coredns');
      expect(d.spec?.template.spec?.containers[0]?.args).to.deep.equal(['-conf', '/etc/coredns/Corefile']);
      expect(d.spec?.template.spec?.volumes?.[0]?.configMap?.name).to.equal('coredns');
    });

    it('THEN the ClusterRole may list and watch endpointslices and the binding names the ServiceAccount', () => {
      const role = byKind<ClusterRole>('ClusterRole');
      expect(role.rules).to.deep.include({
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
        verbs: ['list', 'watch'],
      });
      const binding = byKind<ClusterRoleBinding>('ClusterRoleBinding');
      expect(binding.roleRef.name).to.equal('system:coredns');
      expect(binding.subjects).to.deep.equal([{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }]);
    });

    it('THEN the Corefile forwards outside names to the node resolver and serves the cluster domain and reverse zones', () => {
      const corefile = byKind<ConfigMap>('ConfigMap').data?.['Corefile'] ?? '';
      expect(corefile).to.contain('    forward . /etc/resolv.conf {');
      expect(corefile).to.contain('    kubernetes cluster.local in-addr.arpa ip6.arpa {');
      expect(corefile).to.contain('    loop\n');
      const other = corednsManifest({ clusterDomain: 'k8s.example', dnsIp: '10.96.0.10', image: 'x', replicas: 3 });
      expect((other.find((o) => o.kind === 'ConfigMap') as ConfigMap).data?.['Corefile']).to.contain(
        'kubernetes k8s.example in-addr.arpa',
      );
      expect((other.find((o) => o.kind === 'Service') as Service).spec?.clusterIP).to.equal('10.96.0.10');
    });

    describe('role', function () {
      this.timeout(60_000);
      let lab: Lab;
      before(async () => (lab = await roleLab()));
      after(() => lab.cleanup());

      it('GIVEN the first controller THEN admin client files, then the six applies; elsewhere the applies are skipped', () => {
        const first = tasksFor(coredns, lab.context(coredns, 'controller-0', factsOf('debian12Plain')));
        expect(first.map((t) => t.name)).to.deep.equal([
          'curl',
          'pki /var/lib/kubernetes/admin.kubeconfig',
          'pki /var/lib/kubernetes/admin.pem',
          'pki /var/lib/kubernetes/admin-key.pem',
          ...objects.map((o) => objectRef(o).label),
        ]);
        expect(first.filter((t) => t.when === true)).to.have.length(6);
        const other = tasksFor(coredns, lab.context(coredns, 'controller-1', factsOf('debian12Plain')));
        expect(other.filter((t) => t.when === false)).to.have.length(6);
        expect(healthFor(coredns, lab.context(coredns, 'controller-1', factsOf('debian12Plain')))).to.equal(undefined);
        const gate = healthFor(coredns, lab.context(coredns, 'controller-0', factsOf('debian12Plain')))!;
        expect(gate.check).to.contain('/apis/apps/v1/namespaces/kube-system/deployments/coredns');
      });

      it('GIVEN coredns.replicas 3 THEN the Deployment and the gate both want 3', () => {
        const ctx = lab.context(coredns, 'controller-0', factsOf('debian12Plain'), { coredns: { replicas: 3 } });
        const dep = tasksFor(coredns, ctx).find((t) => t.name === 'Deployment kube-system/coredns')!;
        expect((dep.action.params as { object: Deployment }).object.spec?.replicas).to.equal(3);
        expect(healthFor(coredns, ctx)!.check).to.contain('-eq 3 ]');
      });
    });
  });
});
