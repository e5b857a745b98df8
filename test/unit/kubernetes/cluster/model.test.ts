import { expect } from 'chai';
import { statSync } from 'node:fs';
import { buildClusterModel } from '../../../../kubernetes/cluster/model.ts';
import { podCidrStorePath } from '../../../../kubernetes/cluster/pod-cidr-store.ts';
import { caught } from '../../inventory/helpers.ts';
import { kthwInventory } from './helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('kubernetes/cluster/model (defaults)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  it('GIVEN the KTHW layout and no cluster vars THEN the KTHW defaults', () => {
    const m = buildClusterModel(kthwInventory(), state);
    expect(m.name).to.equal('kubernetes-the-hard-way');
    expect(m.controllers.map((n) => [n.name, n.address])).to.deep.equal([
      ['controller-0', '10.240.0.10'],
      ['controller-1', '10.240.0.11'],
      ['controller-2', '10.240.0.12'],
    ]);
    expect(m.etcd).to.deep.equal(m.controllers); // no etcd group: the controllers
    expect(m.workers.map((w) => [w.name, w.address, w.podCidr])).to.deep.equal([
      ['worker-0', '10.240.0.20', '10.200.0.0/24'],
      ['worker-1', '10.240.0.21', '10.200.1.0/24'],
      ['worker-2', '10.240.0.22', '10.200.2.0/24'],
    ]);
    expect(m.api).to.deep.equal({ addresses: ['10.240.0.10'], names: [], port: 6443, url: 'https://10.240.0.10:6443' });
    expect(m.clusterCidr).to.equal('10.200.0.0/16');
    expect(m.serviceCidr).to.equal('10.32.0.0/24');
    expect(m.apiServiceIp).to.equal('10.32.0.1');
    expect(m.dnsIp).to.equal('10.32.0.10');
    expect(m.clusterDomain).to.equal('cluster.local');
    expect(m.versions.kubernetes).to.equal('1.36.3');
    expect(m.keySize).to.equal(2048);
    expect(m.workers[0]!.externalAddress).to.equal(undefined);
  });

  it('GIVEN cluster vars THEN they win; versions may be partial and keep their defaults', () => {
    const m = buildClusterModel(
      kthwInventory({
        cluster: {
          name: 'lab',
          api: { addresses: ['10.240.0.5'], names: ['api.example.com'], port: 443 },
          versions: { etcd: 'v3.4.23', containerd: '1.6.20' },
          key_size: 4096,
        },
        hostVars: { 'worker-1': { external_address: '192.0.2.7' } },
      }),
      state,
    );
    expect(m.name).to.equal('lab');
    expect(m.api.url).to.equal('https://10.240.0.5:443');
    expect(m.api.names).to.deep.equal(['api.example.com']);
    expect(m.versions).to.include({ etcd: '3.4.23', containerd: '1.6.20', kubernetes: '1.36.3', runc: '1.4.4' });
    expect(m.keySize).to.equal(4096);
    expect(m.workers[1]!.externalAddress).to.equal('192.0.2.7');
  });

  it('GIVEN an etcd group THEN its hosts are the members; internal_address wins over ansible_host', () => {
    const inv = kthwInventory({
      controllers: 1,
      extraGroups: { etcd: { hosts: { 'etcd-0': { ansible_host: '198.51.100.1', internal_address: '10.240.0.30' } } } },
    });
    const m = buildClusterModel(inv, state);
    expect(m.etcd.map((n) => [n.name, n.address])).to.deep.equal([['etcd-0', '10.240.0.30']]);
  });

  it('GIVEN renamed groups THEN the model reads them', () => {
    const inv = kthwInventory({ cluster: { groups: { controllers: 'workers', workers: 'controllers' } }, workers: 1 });
    const m = buildClusterModel(inv, state);
    expect(m.controllers.map((n) => n.name)).to.deep.equal(['worker-0']);
    expect(m.workers.map((n) => n.name)).to.deep.equal(['controller-0', 'controller-1', 'controller-2']);
  });

  it('is computed once per inventory and state dir', () => {
    const inv = kthwInventory();
    expect(buildClusterModel(inv, state)).to.equal(buildClusterModel(inv, `${state}/.`));
    expect(buildClusterModel(kthwInventory(), state)).to.not.equal(buildClusterModel(inv, state));
  });

  it('persists the pod CIDRs 0600 in <stateDir>/cluster/pod-cidrs.json, its dir 0700', () => {
    buildClusterModel(kthwInventory(), state);
    const path = podCidrStorePath(state);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(statSync(`${state}/cluster`).mode & 0o777).to.equal(0o700);
  });

  it('a controller-only inventory (etcd playbooks) has no workers and writes no pod CIDR file', () => {
    const m = buildClusterModel(kthwInventory({ workers: 0 }), state);
    expect(m.workers).to.deep.equal([]);
    expect(() => statSync(podCidrStorePath(state))).to.throw();
  });

  it('errors are VARS_INVALID before anything is written', () => {
    const err = caught(() => buildClusterModel(kthwInventory({ controllers: 2 }), state));
    expect(err.code).to.equal('VARS_INVALID');
    expect(() => statSync(podCidrStorePath(state))).to.throw();
  });
});
