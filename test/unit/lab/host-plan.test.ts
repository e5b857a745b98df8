import { expect } from 'chai';
import { groupNames, plainAddress, planHosts } from '../../../src/lab/host-plan.ts';

describe('lab/host-plan', () => {
  it('GIVEN lab up 3 THEN h1..h3 at 10.240.0.101.. in group lab, /24', () => {
    const plan = planHosts({ kind: 'plain', count: 3 });
    expect(plan.prefix).to.equal(24);
    expect(plan.hosts).to.deep.equal([
      { name: 'h1', address: '10.240.0.101', groups: ['lab'] },
      { name: 'h2', address: '10.240.0.102', groups: ['lab'] },
      { name: 'h3', address: '10.240.0.103', groups: ['lab'] },
    ]);
  });

  it('GIVEN 154 hosts THEN the last is 10.240.0.254 and the lab stays /24', () => {
    const plan = planHosts({ kind: 'plain', count: 154 });
    expect(plan.hosts.at(-1)!.address).to.equal('10.240.0.254');
    expect(plan.prefix).to.equal(24);
  });

  it('GIVEN 155+ hosts THEN addresses continue at 10.240.1.1 and the lab is /16', () => {
    const plan = planHosts({ kind: 'plain', count: 155 });
    expect(plan.hosts.at(-1)!.address).to.equal('10.240.1.1');
    expect(plan.prefix).to.equal(16);
    expect(plainAddress(154 + 254)).to.equal('10.240.1.254');
    expect(plainAddress(155 + 254)).to.equal('10.240.2.1');
  });

  it('every address of the largest plain lab is unique and never .0/.255 or the gateway', () => {
    const addrs = planHosts({ kind: 'plain', count: 500 }).hosts.map((h) => h.address);
    expect(new Set(addrs).size).to.equal(500);
    for (const a of addrs) {
      expect(a).to.not.match(/\.(0|255)$/);
      expect(a).to.not.equal('10.240.0.1');
    }
  });

  it('GIVEN --controllers 3 --workers 2 THEN the KTHW layout and groups', () => {
    const plan = planHosts({ kind: 'cluster', controllers: 3, workers: 2 });
    expect(plan.hosts.map((h) => `${h.name}=${h.address}`)).to.deep.equal([
      'controller-0=10.240.0.10',
      'controller-1=10.240.0.11',
      'controller-2=10.240.0.12',
      'worker-0=10.240.0.20',
      'worker-1=10.240.0.21',
    ]);
    expect(plan.hosts[0]!.groups).to.deep.equal(['controllers', 'etcd']);
    expect(groupNames(plan.hosts)).to.deep.equal(['controllers', 'etcd', 'workers']);
  });

  it('the largest cluster layout ends at 10.240.0.254 without overlap', () => {
    const plan = planHosts({ kind: 'cluster', controllers: 10, workers: 235 });
    const addrs = plan.hosts.map((h) => h.address);
    expect(new Set(addrs).size).to.equal(245);
    expect(addrs.at(-1)).to.equal('10.240.0.254');
  });

  const invalid = [
    { kind: 'plain', count: 0 },
    { kind: 'plain', count: 501 },
    { kind: 'plain', count: 1.5 },
    { kind: 'cluster', controllers: 0, workers: 1 },
    { kind: 'cluster', controllers: 11, workers: 1 },
    { kind: 'cluster', controllers: 1, workers: 236 },
  ] as const;
  for (const layout of invalid) {
    it(`rejects ${JSON.stringify(layout)} with OPTIONS_INVALID`, () => {
      expect(() => planHosts(layout))
        .to.throw()
        .with.property('code', 'OPTIONS_INVALID');
    });
  }
});
