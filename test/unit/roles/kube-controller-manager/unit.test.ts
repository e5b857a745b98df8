import { expect } from 'chai';
import type { ClusterModel } from '../../../../kubernetes/cluster/model-types.ts';
import { renderControllerManagerUnit } from '../../../../roles/kube-controller-manager/unit.ts';
import { placementsFor } from '../../../../kubernetes/pki/index.ts';
import { execStart, MINORS, realFlagNames } from '../control-plane/helpers.ts';
import { kthwModel } from '../../kubernetes/pki/fixtures.ts';

const base = kthwModel();
const MODELS: [string, ClusterModel][] = [
  ['the KTHW layout', base],
  ['other CIDRs', { ...base, clusterCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/16', apiServiceIp: '10.96.0.1' }],
];

describe('kube-controller-manager unit', () => {
  for (const [what, model] of MODELS)
    describe(`GIVEN ${what}`, () => {
      const unit = renderControllerManagerUnit(model);
      const { binary, flags } = execStart(unit);

      it('THEN every flag is one kube-controller-manager has in every listed version', () => {
        expect(binary).to.equal('/usr/local/bin/kube-controller-manager');
        expect(unit).to.contain('Description=Kubernetes Controller Manager');
        for (const minor of MINORS) {
          const real = realFlagNames('kube-controller-manager', minor);
          expect(
            [...flags.keys()].filter((f) => !real.has(f)),
            minor,
          ).to.deep.equal([]);
        }
      });

      it("THEN the ranges are the model's and node CIDRs are not allocated (the model assigns them)", () => {
        expect(flags.get('cluster-cidr')).to.equal(model.clusterCidr);
        expect(flags.get('service-cluster-ip-range')).to.equal(model.serviceCidr);
        expect(flags.has('allocate-node-cidrs')).to.equal(false);
      });

      it('THEN it signs with the CA, hands out the root CA, signs tokens, elects a leader', () => {
        expect(flags.get('cluster-signing-cert-file')).to.equal('/var/lib/kubernetes/ca.pem');
        expect(flags.get('cluster-signing-key-file')).to.equal('/var/lib/kubernetes/ca-key.pem');
        expect(flags.get('root-ca-file')).to.equal('/var/lib/kubernetes/ca.pem');
        expect(flags.get('service-account-private-key-file')).to.equal('/var/lib/kubernetes/service-account-key.pem');
        expect(flags.get('use-service-account-credentials')).to.equal('true');
        expect(flags.get('leader-elect')).to.equal('true');
        expect(flags.get('kubeconfig')).to.equal('/var/lib/kubernetes/kube-controller-manager.kubeconfig');
        expect(flags.get('cluster-name')).to.equal('kubernetes');
        expect(flags.get('bind-address')).to.equal('0.0.0.0');
        expect(flags.get('v')).to.equal('2');
        expect(flags.size).to.equal(12);
      });

      it('THEN every file a flag names is one the PKI places on a controller', () => {
        const placed = new Set(
          (placementsFor(model, 'controller-0', 'kube-controller-manager') ?? []).map((p) => p.path),
        );
        const named = [...flags.values()].filter((v) => v.startsWith('/'));
        expect(named.filter((p) => !placed.has(p))).to.deep.equal([]);
      });
    });
});
