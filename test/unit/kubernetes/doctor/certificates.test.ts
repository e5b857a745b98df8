import { expect } from 'chai';
import { hostCertFiles, requiredSans } from '../../../../kubernetes/doctor/cert-sans.ts';
import { kthwModel } from '../pki/fixtures.ts';

describe('doctor check certificates', () => {
  describe('hostCertFiles and requiredSans', () => {
    it('a controller (and etcd member) holds certificates only, never keys', () => {
      const files = hostCertFiles(kthwModel(), 'controller-0');
      expect(files.map((f) => f.path)).to.have.members([
        '/etc/etcd/ca.pem',
        '/etc/etcd/etcd-server.pem',
        '/etc/etcd/etcd-peer.pem',
        '/var/lib/kubernetes/ca.pem',
        '/var/lib/kubernetes/kubernetes.pem',
        '/var/lib/kubernetes/service-account.pem',
        '/var/lib/kubernetes/apiserver-etcd-client.pem',
      ]);
      expect(files.find((f) => f.path === '/var/lib/kubernetes/ca.pem')!.roles).to.deep.equal([
        'kube-apiserver',
        'kube-controller-manager',
      ]);
    });
    it('a worker holds its kubelet cert and the CA', () => {
      expect(hostCertFiles(kthwModel(), 'worker-1')).to.deep.equal([
        { path: '/var/lib/kubelet/ca.pem', cert: 'ca', roles: ['kubelet'] },
        { path: '/var/lib/kubelet/worker-1.pem', cert: 'kubelet-worker-1', roles: ['kubelet'] },
      ]);
    });
    it('the SANs in use: API addresses and names, controllers, service IP; a worker its name and addresses', () => {
      expect(requiredSans(kthwModel(), 'kubernetes')).to.have.members([
        'IP:10.240.0.100',
        'DNS:api.kthw.example',
        'IP:10.240.0.10',
        'IP:10.240.0.11',
        'IP:10.240.0.12',
        'IP:10.32.0.1',
      ]);
      expect(requiredSans(kthwModel(), 'kubelet-worker-0')).to.deep.equal([
        'DNS:worker-0',
        'IP:10.240.0.20',
        'IP:35.200.0.20',
      ]);
      expect(requiredSans(kthwModel(), 'etcd-server-controller-1')).to.deep.equal(['IP:10.240.0.11']);
      expect(requiredSans(kthwModel(), 'service-account')).to.deep.equal([]);
    });
  });
});
