import { expect } from 'chai';
import { buildClusterModel } from '../../../../kubernetes/cluster/model.ts';
import { renderHostsBlock } from '../../../../roles/node-prep/hosts-block.ts';
import { kthwInventory } from '../../kubernetes/cluster/helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('roles/node-prep/hosts-block', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  it('GIVEN the KTHW layout THEN one "address name" line per controller, then per worker', () => {
    const model = buildClusterModel(kthwInventory({ controllers: 3, workers: 2 }), state);
    expect(renderHostsBlock(model)).to.equal(
      [
        '10.240.0.10 controller-0',
        '10.240.0.11 controller-1',
        '10.240.0.12 controller-2',
        '10.240.0.20 worker-0',
        '10.240.0.21 worker-1',
      ].join('\n'),
    );
  });

  it('GIVEN a separate etcd group THEN its members are named too, each host once', () => {
    const inv = kthwInventory({
      controllers: 1,
      workers: 1,
      extraGroups: {
        etcd: {
          hosts: {
            'controller-0': {},
            'etcd-1': { ansible_host: '10.240.0.31' },
            'etcd-2': { ansible_host: '10.240.0.32' },
          },
        },
      },
    });
    expect(renderHostsBlock(buildClusterModel(inv, state)).split('\n')).to.deep.equal([
      '10.240.0.10 controller-0',
      '10.240.0.31 etcd-1',
      '10.240.0.32 etcd-2',
      '10.240.0.20 worker-0',
    ]);
  });

  it('GIVEN internal_address THEN the block names the cluster address, not the ssh one', () => {
    const inv = kthwInventory({
      controllers: 1,
      workers: 1,
      hostVars: { 'worker-0': { internal_address: '10.240.0.99' } },
    });
    expect(renderHostsBlock(buildClusterModel(inv, state))).to.contain('10.240.0.99 worker-0');
  });
});
