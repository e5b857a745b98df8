import { expect } from 'chai';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { buildClusterModel } from '../../../../kubernetes/cluster/model.ts';
import { assignPodCidrs, type PodCidrWorker } from '../../../../kubernetes/cluster/pod-cidrs.ts';
import { podCidrStorePath } from '../../../../kubernetes/cluster/pod-cidr-store.ts';
import { caught } from '../../inventory/helpers.ts';
import { kthwInventory, type KthwLayout } from './helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const w = (name: string, explicit?: string): PodCidrWorker => ({ name, explicit });
const assign = (workers: PodCidrWorker[], persisted: Record<string, string> = {}, clusterCidr = '10.200.0.0/16') =>
  assignPodCidrs({ workers, clusterCidr, maskSize: 24, persisted, storeName: 'pod-cidrs.json' });

describe('kubernetes/cluster/pod-cidrs (pure)', () => {
  it('GIVEN nothing persisted THEN 10.200.N.0/24 in inventory order', () => {
    const r = assign([w('a'), w('b'), w('c')]);
    expect([...r.assigned]).to.deep.equal([
      ['a', '10.200.0.0/24'],
      ['b', '10.200.1.0/24'],
      ['c', '10.200.2.0/24'],
    ]);
  });

  it('GIVEN explicit pod CIDRs THEN they are kept and never handed out again', () => {
    const r = assign([w('a'), w('b', '10.200.0.0/24'), w('c', '10.200.2.0/23')]);
    expect(r.assigned.get('b')).to.equal('10.200.0.0/24');
    expect(r.assigned.get('c')).to.equal('10.200.2.0/23');
    expect(r.assigned.get('a')).to.equal('10.200.1.0/24');
  });

  it('GIVEN persisted assignments THEN kept whatever the order; newcomers take the lowest free', () => {
    const r = assign([w('c'), w('new'), w('a')], { a: '10.200.0.0/24', b: '10.200.1.0/24', c: '10.200.2.0/24' });
    expect(r.assigned.get('a')).to.equal('10.200.0.0/24');
    expect(r.assigned.get('c')).to.equal('10.200.2.0/24');
    expect(r.assigned.get('new')).to.equal('10.200.3.0/24'); // b's stays reserved
    expect(r.record).to.deep.equal({
      a: '10.200.0.0/24',
      b: '10.200.1.0/24',
      c: '10.200.2.0/24',
      new: '10.200.3.0/24',
    });
  });

  it('GIVEN a full cluster CIDR THEN reservations of removed workers are reused', () => {
    const r = assign([w('a'), w('new')], { a: '10.200.0.0/24', gone: '10.200.1.0/24' }, '10.200.0.0/23');
    expect(r.assigned.get('new')).to.equal('10.200.1.0/24');
    expect(r.record).to.deep.equal({ a: '10.200.0.0/24', new: '10.200.1.0/24' });
  });

  it('GIVEN a persisted CIDR outside a changed cluster CIDR THEN it is reassigned', () => {
    const r = assign([w('a')], { a: '10.200.5.0/24' }, '10.100.0.0/16');
    expect(r.assigned.get('a')).to.equal('10.100.0.0/24');
  });

  it("GIVEN an explicit CIDR that is another current worker's kept one THEN refused, naming both", () => {
    const err = caught(() => assign([w('a'), w('b', '10.200.0.0/24')], { a: '10.200.0.0/24' }));
    expect(err.code).to.equal('VARS_INVALID');
    expect(err.message).to.match(
      /pod_cidr 10\.200\.0\.0\/24 of b overlaps 10\.200\.0\.0\/24, the pod CIDR a already has/,
    );
  });

  it("GIVEN an explicit CIDR that was a removed worker's THEN the explicit one wins", () => {
    const r = assign([w('b', '10.200.0.0/24')], { gone: '10.200.0.0/24' });
    expect(r.record).to.deep.equal({ b: '10.200.0.0/24' });
  });
});

describe('kubernetes/cluster/pod-cidrs (stable across runs, through the state dir)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  const podCidrs = (layout: KthwLayout): Record<string, string> =>
    Object.fromEntries(buildClusterModel(kthwInventory(layout), state).workers.map((x) => [x.name, x.podCidr]));

  it('the same on a second run', () => {
    const first = podCidrs({ workers: 3 });
    expect(podCidrs({ workers: 3 })).to.deep.equal(first);
  });

  it('unchanged when workers are reordered', () => {
    const first = podCidrs({ workers: ['worker-0', 'worker-1', 'worker-2'] });
    expect(podCidrs({ workers: ['worker-2', 'worker-0', 'worker-1'] })).to.deep.equal(first);
  });

  it('unchanged for the others when a worker is added or removed', () => {
    const first = podCidrs({ workers: ['worker-0', 'worker-1', 'worker-2'] });
    const removed = podCidrs({ workers: ['worker-0', 'worker-2'] });
    expect(removed).to.deep.equal({ 'worker-0': first['worker-0'], 'worker-2': first['worker-2'] });
    const added = podCidrs({ workers: ['worker-0', 'worker-2', 'worker-3'] });
    expect(added['worker-3']).to.equal('10.200.3.0/24'); // worker-1's stays reserved
    const back = podCidrs({ workers: ['worker-0', 'worker-1', 'worker-2', 'worker-3'] });
    expect(back['worker-1']).to.equal(first['worker-1']);
  });

  it("an explicit pod_cidr stays the worker's when the var is removed later", () => {
    podCidrs({ workers: 2, hostVars: { 'worker-1': { pod_cidr: '10.200.9.0/24' } } });
    expect(podCidrs({ workers: 2 })['worker-1']).to.equal('10.200.9.0/24');
  });

  it('a corrupt store is STATE_DIR_INVALID naming the file and the fix', () => {
    mkdirSync(`${state}/cluster`, { recursive: true });
    writeFileSync(podCidrStorePath(state), '{"podCidrs": []}');
    const err = caught(() => podCidrs({ workers: 1 }));
    expect(err.code).to.equal('STATE_DIR_INVALID');
    expect(err.message).to.include('pod-cidrs.json');
    expect(err.fix).to.match(/delete it/);
  });

  it('the store is plain JSON a human can read', () => {
    podCidrs({ workers: 2 });
    expect(JSON.parse(readFileSync(podCidrStorePath(state), 'utf8'))).to.deep.equal({
      version: 1,
      clusterCidr: '10.200.0.0/16',
      podCidrs: { 'worker-0': '10.200.0.0/24', 'worker-1': '10.200.1.0/24' },
    });
  });
});
