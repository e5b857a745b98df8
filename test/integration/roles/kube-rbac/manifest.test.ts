import { expect } from 'chai';
import { kubeRbac } from '../../../../roles/kube-rbac/index.ts';
import { apiserverToKubeletBinding, apiserverToKubeletRole } from '../../../../roles/kube-rbac/manifest.ts';
import { CERT } from '../../../../kubernetes/pki/index.ts';
import { factsOf } from '../../../unit/roles/kubelet/facts.ts';
import { roleLab, type Lab } from '../../kubernetes/api/role-context.ts';
import { tasksFor } from '../../../../src/testing.ts';

describe('roles/kube-rbac', () => {
  describe('roles/kube-rbac', () => {
    it('THEN the ClusterRole grants every verb on the kubelet API subresources', () => {
      const role = apiserverToKubeletRole();
      expect(role.metadata?.name).to.equal('system:kube-apiserver-to-kubelet');
      expect(role.metadata?.annotations).to.deep.equal({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
      expect(role.metadata?.labels).to.deep.equal({ 'kubernetes.io/bootstrapping': 'rbac-defaults' });
      expect(role.rules).to.deep.equal([
        {
          apiGroups: [''],
          resources: ['nodes/proxy', 'nodes/stats', 'nodes/log', 'nodes/spec', 'nodes/metrics'],
          verbs: ['*'],
        },
      ]);
    });

    it("THEN the binding names user kubernetes, the apiserver certificate's CN (else Forbidden on logs/exec)", () => {
      const b = apiserverToKubeletBinding();
      expect(CERT.apiserver).to.equal('kubernetes');
      expect(b.metadata?.name).to.equal('system:kube-apiserver');
      expect(b.metadata?.namespace).to.equal(undefined);
      expect(b.roleRef).to.deep.equal({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'system:kube-apiserver-to-kubelet',
      });
      expect(b.subjects).to.deep.equal([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'kubernetes' }]);
    });

    describe('role', function () {
      this.timeout(60_000);
      let lab: Lab;
      before(async () => (lab = await roleLab()));
      after(() => lab.cleanup());

      it('GIVEN the controllers THEN only the first applies (run once); every one gets the admin client', () => {
        for (const [host, once] of [
          ['controller-0', true],
          ['controller-2', false],
        ] as const) {
          const tasks = tasksFor(kubeRbac, lab.context(kubeRbac, host, factsOf('debian12Plain')));
          expect(tasks.filter((t) => t.name.startsWith('pki ')).length).to.equal(3);
          expect(tasks.filter((t) => t.name.startsWith('Cluster')).map((t) => t.when)).to.deep.equal([once, once]);
        }
      });
    });
  });
});
