import { expect } from 'chai';
import { buildClusterModel } from '../../../../kubernetes/cluster/model.ts';
import { caught, fromYaml } from '../../inventory/helpers.ts';
import { kthwInventory, type KthwLayout } from './helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

interface Case {
  readonly name: string;
  readonly layout: KthwLayout;
  /** Both must appear: the problem, and the fix. */
  readonly problem: RegExp;
  readonly fix: RegExp;
}

const cases: Case[] = [
  {
    name: 'overlapping cluster and service CIDRs',
    layout: { cluster: { cluster_cidr: '10.0.0.0/8', service_cidr: '10.32.0.0/24' } },
    problem: /cluster_cidr 10\.0\.0\.0\/8 and cluster\.service_cidr 10\.32\.0\.0\/24 overlap/,
    fix: /disjoint/,
  },
  {
    name: 'a cluster CIDR that holds the hosts',
    layout: { cluster: { cluster_cidr: '10.240.0.0/16' } },
    problem: /controller-0's address 10\.240\.0\.10 lies inside cluster\.cluster_cidr/,
    fix: /range the hosts' network does not use/,
  },
  {
    name: 'a service CIDR that holds the hosts',
    layout: { cluster: { service_cidr: '10.240.0.0/24', dns_ip: '10.240.0.250' } },
    problem: /inside cluster\.service_cidr/,
    fix: /move cluster\.service_cidr/,
  },
  {
    name: 'an API address inside the service CIDR',
    layout: { cluster: { api: { addresses: ['10.32.0.50'] } } },
    problem: /the API address 10\.32\.0\.50 lies inside cluster\.service_cidr/,
    fix: /move/,
  },
  {
    name: 'a DNS IP outside the service CIDR',
    layout: { cluster: { dns_ip: '10.33.0.10' } },
    problem: /dns_ip 10\.33\.0\.10 is not a usable address of cluster\.service_cidr 10\.32\.0\.0\/24/,
    fix: /inside 10\.32\.0\.0\/24/,
  },
  {
    name: 'a DNS IP that is the API service IP',
    layout: { cluster: { dns_ip: '10.32.0.1' } },
    problem: /is the API service IP/,
    fix: /10\.32\.0\.10/,
  },
  {
    name: 'a service CIDR with no room for the API service IP',
    layout: { cluster: { service_cidr: '10.32.0.0/32', dns_ip: '10.32.0.0' } },
    problem: /no room for the API service IP/,
    fix: /\/30 or wider/,
  },
  {
    name: 'duplicate pod CIDRs',
    layout: { hostVars: { 'worker-0': { pod_cidr: '10.200.7.0/24' }, 'worker-2': { pod_cidr: '10.200.7.0/24' } } },
    problem: /pod_cidr 10\.200\.7\.0\/24 of worker-2 overlaps pod_cidr 10\.200\.7\.0\/24 of worker-0/,
    fix: /non-overlapping/,
  },
  {
    name: 'a pod CIDR outside the cluster CIDR',
    layout: { hostVars: { 'worker-1': { pod_cidr: '10.201.1.0/24' } } },
    problem: /pod_cidr 10\.201\.1\.0\/24 of worker-1 is outside the cluster CIDR 10\.200\.0\.0\/16/,
    fix: /inside 10\.200\.0\.0\/16/,
  },
  {
    name: 'a malformed pod CIDR',
    layout: { hostVars: { 'worker-1': { pod_cidr: '10.200.1.1/24' } } },
    problem: /host bits are set/,
    fix: /pod_cidr of worker-1/,
  },
  {
    name: 'a worker without an IP address',
    layout: { hostVars: { 'worker-1': { ansible_host: 'worker-1.example' } } },
    problem: /worker worker-1 has no IPv4 address: its ansible_host is "worker-1\.example"/,
    fix: /set ansible_host \(or internal_address/,
  },
  {
    name: 'a controller without an IP address',
    layout: { hostVars: { 'controller-2': { internal_address: 'nope' } } },
    problem: /controller controller-2 has no IPv4 address: its internal_address is "nope"/,
    fix: /IPv4 address on the cluster network/,
  },
  {
    name: 'an even etcd member count',
    layout: { controllers: 2 },
    problem: /etcd has 2 members \(group controllers\)/,
    fix: /odd number/,
  },
  {
    name: 'no controllers',
    layout: { controllers: 0 },
    problem: /no controllers: group "controllers" has no hosts/,
    fix: /control-plane hosts/,
  },
  {
    name: 'a malformed cluster CIDR',
    layout: { cluster: { cluster_cidr: '10.200.0.0/33' } },
    problem: /cluster\.cluster_cidr "10\.200\.0\.0\/33": prefix \/33 is longer than 32/,
    fix: /IPv4 network/,
  },
  {
    name: 'a malformed DNS IP',
    layout: { cluster: { dns_ip: '10.32.0.300' } },
    problem: /cluster\.dns_ip "10\.32\.0\.300" is not an IPv4 address/,
    fix: /IPv4 address/,
  },
  {
    name: 'a malformed API address',
    layout: { cluster: { api: { addresses: ['api.example.com'] } } },
    problem: /cluster\.api\.addresses: "api\.example\.com" is not an IPv4 address/,
    fix: /DNS names in cluster\.api\.names/,
  },
  {
    name: 'an unknown cluster key and a wrong type',
    layout: { cluster: { service_cdir: '10.32.0.0/24', api: { port: 'https' } } },
    problem:
      /cluster\.api\.port: .*number.*cluster: Unrecognized key: "service_cdir"|cluster: Unrecognized key.*cluster\.api\.port/,
    fix: /docs\/cluster-vars\.md/,
  },
  {
    name: 'a bad version',
    layout: { cluster: { versions: { kubernetes: 'latest' } } },
    problem: /cluster\.versions\.kubernetes: expected a release version/,
    fix: /docs\/cluster-vars\.md/,
  },
  {
    name: 'a named etcd group that does not exist',
    layout: { cluster: { groups: { etcd: 'etcd-nodes' } } },
    problem: /cluster\.groups\.etcd names group "etcd-nodes", which the inventory does not have/,
    fix: /add group etcd-nodes/,
  },
  {
    name: 'two hosts on one address',
    layout: { hostVars: { 'worker-1': { ansible_host: '10.240.0.20' } } },
    problem: /worker-1 and worker-0 have the same address 10\.240\.0\.20/,
    fix: /its own address/,
  },
  {
    name: 'a cluster CIDR too small for the workers',
    layout: { cluster: { cluster_cidr: '10.200.0.0/23' } },
    problem: /has no free \/24 left for worker-2 \(3 workers\)/,
    fix: /widen cluster\.cluster_cidr/,
  },
];

describe('kubernetes/cluster/model (rejections, before any connection)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  for (const c of cases)
    it(`rejects ${c.name}`, () => {
      const err = caught(() => buildClusterModel(kthwInventory(c.layout), state));
      expect(err.code).to.equal('VARS_INVALID');
      expect(err.message).to.match(c.problem);
      expect(err.fix).to.match(c.fix);
    });

  it('rejects a cluster var set differently by a group', () => {
    const inv = fromYaml(`
all:
  vars: {cluster: {name: a}}
  children:
    controllers: {hosts: {c0: {ansible_host: 10.240.0.10}}, vars: {cluster: {name: b}}}
    workers: {hosts: {w0: {ansible_host: 10.240.0.20}}}
`);
    const err = caught(() => buildClusterModel(inv, state));
    expect(err.message).to.match(/the cluster var differs between hosts c0 and w0/);
    expect(err.fix).to.match(/all\.vars/);
  });
});
