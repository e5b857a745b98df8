// This host's entry in the cluster model, or PLAYBOOK_INVALID saying where the role belongs.

import { expect } from 'chai';
import { buildClusterModel } from '../../../../kubernetes/cluster/model.ts';
import { controllerOf, etcdMemberOf, workerOf } from '../../../../kubernetes/cluster/member.ts';
import { isOrchestrateError, type OrchestrateError } from '../../../../src/errors.ts';
import { kthwInventory } from './helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

function refusal(fn: () => unknown): OrchestrateError {
  try {
    fn();
  } catch (err) {
    expect(isOrchestrateError(err, 'PLAYBOOK_INVALID'), String(err)).to.equal(true);
    return err as OrchestrateError;
  }
  throw new Error('no error');
}

describe('kubernetes/cluster/member', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));
  const model = () => buildClusterModel(kthwInventory({ controllers: 3, workers: 2 }), state);

  it('GIVEN a host of the group THEN its entry (a worker with its pod CIDR)', () => {
    const m = model();
    expect(etcdMemberOf(m, 'controller-1', 'etcd')).to.equal(m.etcd[1]);
    expect(controllerOf(m, 'controller-2', 'kube-scheduler')).to.equal(m.controllers[2]);
    expect(workerOf(m, 'worker-1', 'kubelet').podCidr).to.equal('10.200.1.0/24');
  });

  it('GIVEN a host outside the group THEN PLAYBOOK_INVALID naming the host, the role and the group’s hosts', () => {
    const m = model();
    const worker = refusal(() => workerOf(m, 'controller-0', 'container-runtime'));
    expect(worker.message).to.equal('controller-0 is not a worker of the cluster model');
    expect(worker.host).to.equal('controller-0');
    expect(worker.fix).to.equal('run the container-runtime role on the workers group only (worker-0, worker-1)');
    expect(refusal(() => etcdMemberOf(m, 'worker-0', 'etcd')).fix).to.equal(
      'run the etcd role on the etcd group only (controller-0, controller-1, controller-2)',
    );
    expect(refusal(() => controllerOf(m, 'worker-1', 'kube-apiserver')).message).to.equal(
      'worker-1 is not a controller of the cluster model',
    );
  });
});
