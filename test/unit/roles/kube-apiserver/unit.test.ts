import { expect } from 'chai';
import type { ClusterModel } from '../../../../kubernetes/cluster/model-types.ts';
import { renderApiserverUnit } from '../../../../roles/kube-apiserver/unit.ts';
import { placementsFor } from '../../../../kubernetes/pki/index.ts';
import { execStart, MINORS, realFlagNames } from '../control-plane/helpers.ts';
import { kthwModel } from '../../kubernetes/pki/fixtures.ts';

const with_ = (m: ClusterModel, patch: Partial<ClusterModel>): ClusterModel => ({ ...m, ...patch });
const base = kthwModel();
const MODELS: [string, ClusterModel][] = [
  ['the KTHW layout (3 controllers, LB 10.240.0.100)', base],
  ['one controller, its own address as the API', kthwModel({ controllers: 1, apiAddresses: ['10.240.0.10'] })],
  ['another service CIDR', with_(base, { serviceCidr: '10.96.0.0/16', apiServiceIp: '10.96.0.1' })],
  [
    'etcd on its own 5 members',
    with_(base, {
      etcd: [0, 1, 2, 3, 4].map((i) => ({ name: `etcd-${i}`, address: `10.240.0.3${i}`, externalAddress: undefined })),
    }),
  ],
];

describe('kube-apiserver unit', () => {
  for (const [what, model] of MODELS)
    for (const me of model.controllers)
      describe(`GIVEN ${what}, on ${me.name}`, () => {
        const { binary, flags } = execStart(renderApiserverUnit(model, me));

        it('THEN every flag is one kube-apiserver has in every listed version', () => {
          expect(binary).to.equal('/usr/local/bin/kube-apiserver');
          for (const minor of MINORS) {
            const real = realFlagNames('kube-apiserver', minor);
            expect(
              [...flags.keys()].filter((f) => !real.has(f)),
              minor,
            ).to.deep.equal([]);
          }
        });

        it('THEN kubelets are dialled by address first and the service range is set (no 10.0.0.0/24 fallback)', () => {
          expect(flags.get('kubelet-preferred-address-types')).to.equal('InternalIP,ExternalIP,Hostname');
          expect(flags.get('service-cluster-ip-range')).to.equal(model.serviceCidr);
        });

        it('THEN etcd is every member over https with the apiserver-etcd-client certificate', () => {
          expect(flags.get('etcd-servers')).to.equal(model.etcd.map((m) => `https://${m.address}:2379`).join(','));
          expect(flags.get('etcd-cafile')).to.equal('/var/lib/kubernetes/ca.pem');
          expect(flags.get('etcd-certfile')).to.equal('/var/lib/kubernetes/apiserver-etcd-client.pem');
          expect(flags.get('etcd-keyfile')).to.equal('/var/lib/kubernetes/apiserver-etcd-client-key.pem');
        });

        it('THEN it advertises this host, issues tokens as the API address, and runs multi-controller', () => {
          expect(flags.get('advertise-address')).to.equal(me.address);
          expect(flags.get('service-account-issuer')).to.equal(`https://${model.api.addresses[0]}:6443`);
          expect(flags.get('endpoint-reconciler-type')).to.equal('lease');
          expect(flags.has('apiserver-count')).to.equal(false);
          expect(flags.get('authorization-mode')).to.equal('Node,RBAC');
          expect(flags.get('encryption-provider-config')).to.equal('/var/lib/kubernetes/encryption-config.yaml');
          expect(flags.get('kubelet-certificate-authority')).to.equal('/var/lib/kubernetes/ca.pem');
          expect(flags.get('kubelet-client-certificate')).to.equal('/var/lib/kubernetes/kubernetes.pem');
          expect(flags.get('kubelet-client-key')).to.equal('/var/lib/kubernetes/kubernetes-key.pem');
        });

        it('THEN every file a flag names is one the PKI places on this controller', () => {
          const placed = new Set((placementsFor(model, me.name, 'kube-apiserver') ?? []).map((p) => p.path));
          const named = [...flags.values()].filter((v) => v.startsWith('/var/lib/kubernetes/'));
          expect(named.filter((p) => !placed.has(p))).to.deep.equal([]);
        });
      });

  it('GIVEN the KTHW layout WHEN controller-1 is rendered THEN the flags are exactly KTHW 2021 with the fixes', () => {
    const { flags } = execStart(renderApiserverUnit(base, base.controllers[1]!));
    expect(Object.fromEntries(flags)).to.deep.equal({
      'advertise-address': '10.240.0.11',
      'allow-privileged': 'true',
      'audit-log-maxage': '30',
      'audit-log-maxbackup': '3',
      'audit-log-maxsize': '100',
      'audit-log-path': '/var/log/audit.log',
      'authorization-mode': 'Node,RBAC',
      'bind-address': '0.0.0.0',
      'client-ca-file': '/var/lib/kubernetes/ca.pem',
      'enable-admission-plugins':
        'NamespaceLifecycle,NodeRestriction,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota',
      'encryption-provider-config': '/var/lib/kubernetes/encryption-config.yaml',
      'endpoint-reconciler-type': 'lease',
      'etcd-cafile': '/var/lib/kubernetes/ca.pem',
      'etcd-certfile': '/var/lib/kubernetes/apiserver-etcd-client.pem',
      'etcd-keyfile': '/var/lib/kubernetes/apiserver-etcd-client-key.pem',
      'etcd-servers': 'https://10.240.0.10:2379,https://10.240.0.11:2379,https://10.240.0.12:2379',
      'event-ttl': '1h',
      'kubelet-certificate-authority': '/var/lib/kubernetes/ca.pem',
      'kubelet-client-certificate': '/var/lib/kubernetes/kubernetes.pem',
      'kubelet-client-key': '/var/lib/kubernetes/kubernetes-key.pem',
      'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
      'runtime-config': 'api/all=true',
      'secure-port': '6443',
      'service-account-issuer': 'https://10.240.0.100:6443',
      'service-account-key-file': '/var/lib/kubernetes/service-account.pem',
      'service-account-signing-key-file': '/var/lib/kubernetes/service-account-key.pem',
      'service-cluster-ip-range': '10.32.0.0/24',
      'service-node-port-range': '30000-32767',
      'tls-cert-file': '/var/lib/kubernetes/kubernetes.pem',
      'tls-private-key-file': '/var/lib/kubernetes/kubernetes-key.pem',
      v: '2',
    });
  });

  it('GIVEN the same model twice WHEN rendered THEN the bytes are the same (a re-run changes nothing)', () => {
    expect(renderApiserverUnit(kthwModel(), kthwModel().controllers[0]!)).to.equal(
      renderApiserverUnit(base, base.controllers[0]!),
    );
  });
});
