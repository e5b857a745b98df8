import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../../../src/inventory/load.ts';
import { buildClusterModel } from '../../../../kubernetes/cluster/index.ts';

describe('inventory/kthw.ts', () => {
  it('GIVEN the classic layout WHEN the model is built THEN it has KTHW values', async () => {
    const state = mkdtempSync(join(tmpdir(), 'kthw-'));
    try {
      const model = buildClusterModel(await loadInventory('inventory/kthw.ts'), state);
      expect(model.controllers.map((c) => c.address)).to.deep.equal(['10.240.0.10', '10.240.0.11', '10.240.0.12']);
      expect(model.etcd.map((c) => c.name)).to.deep.equal(['controller-0', 'controller-1', 'controller-2']);
      expect(model.workers.map((w) => w.podCidr)).to.deep.equal(['10.200.0.0/24', '10.200.1.0/24', '10.200.2.0/24']);
      expect(model.api.url).to.equal('https://10.240.0.5:6443');
      expect([model.apiServiceIp, model.dnsIp, model.clusterDomain]).to.deep.equal([
        '10.32.0.1',
        '10.32.0.10',
        'cluster.local',
      ]);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
