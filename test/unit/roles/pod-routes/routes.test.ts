import { expect } from 'chai';
import type { RouteParams } from '../../../../src/modules/index.ts';
import { buildClusterModel } from '../../../../kubernetes/cluster/model.ts';
import { podRoutesRole } from '../../../../roles/pod-routes/index.ts';
import { podRoutes } from '../../../../roles/pod-routes/routes.ts';
import { kthwInventory } from '../../kubernetes/cluster/helpers.ts';
import { roleContext } from '../container-runtime/role-context.ts';
import { tasksFor } from '../../../../src/testing.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('roles/pod-routes', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  const model = () => buildClusterModel(kthwInventory({ controllers: 1, workers: 3 }), state);
  const r = (n: number) => ({ dst: `10.200.${n}.0/24`, via: `10.240.0.2${n}`, dev: undefined });

  it('GIVEN a controller THEN a route to every worker pod CIDR via that worker', () => {
    expect(podRoutes(model(), 'controller-0')).to.deep.equal([r(0), r(1), r(2)]);
  });

  it('GIVEN a worker THEN the other workers only (its own CIDR is on its bridge)', () => {
    expect(podRoutes(model(), 'worker-1')).to.deep.equal([r(0), r(2)]);
  });

  it('GIVEN a single worker THEN it needs no route, controllers one', () => {
    const m = buildClusterModel(kthwInventory({ controllers: 1, workers: 1 }), state);
    expect(podRoutes(m, 'worker-0')).to.deep.equal([]);
    expect(podRoutes(m, 'controller-0')).to.deep.equal([r(0)]);
  });

  it('GIVEN explicit pod_cidr vars THEN those CIDRs', () => {
    const inv = kthwInventory({ controllers: 1, workers: 2, hostVars: { 'worker-1': { pod_cidr: '10.200.9.0/24' } } });
    expect(podRoutes(buildClusterModel(inv, state), 'worker-0')).to.deep.equal([
      { dst: '10.200.9.0/24', via: '10.240.0.21', dev: undefined },
    ]);
  });

  it('THEN one persistent route set named pod-cidrs per host (an empty one too: stale routes go)', () => {
    const tasks = tasksFor(
      podRoutesRole,
      roleContext(kthwInventory({ controllers: 1, workers: 1 }), state, 'worker-0'),
    );
    expect(tasks).to.have.length(1);
    expect(tasks[0]!.action.params as RouteParams).to.deep.equal({ name: 'pod-cidrs', routes: [], state: 'present' });
    const ctl = tasksFor(
      podRoutesRole,
      roleContext(kthwInventory({ controllers: 1, workers: 1 }), state, 'controller-0'),
    );
    expect((ctl[0]!.action.params as RouteParams).routes).to.deep.equal([r(0)]);
  });
});
