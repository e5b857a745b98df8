import { expect } from 'chai';
import type { CommandParams, ManagedBlockParams, SysctlParams } from '../../../../src/modules/index.ts';
import { nodePrep } from '../../../../roles/node-prep/index.ts';
import { kthwInventory } from '../../kubernetes/cluster/helpers.ts';
import { roleContext } from '../container-runtime/role-context.ts';
import { tasksFor } from '../../../../src/testing.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('roles/node-prep (tasks)', () => {
  let state = '';
  beforeEach(() => (state = tempDir('orch-cluster-')));
  afterEach(() => removeTempDir(state));

  const tasksOf = (host: string) =>
    tasksFor(nodePrep, roleContext(kthwInventory({ controllers: 1, workers: 2 }), state, host));

  it('GIVEN a worker THEN the KTHW OS steps, in order', () => {
    expect(tasksOf('worker-1').map((t) => t.name)).to.deep.equal([
      'hostname file',
      'hostname',
      'cluster hosts in /etc/hosts',
      'swap off',
      'no swap in fstab',
      'packages',
      'br_netfilter',
      'bridge and forwarding sysctls',
    ]);
  });

  it('GIVEN a host THEN its hostname is its inventory name, set only when it differs', () => {
    const t = tasksOf('controller-0');
    expect(t[0]!.action.params).to.include({ path: '/etc/hostname' });
    const cmd = t[1]!.action.params as CommandParams;
    expect(cmd.run).to.equal('hostname controller-0');
    expect(cmd.unless).to.equal('[ "$(hostname)" = controller-0 ]');
  });

  it('GIVEN --limit on one host THEN /etc/hosts still names every cluster host', () => {
    const block = tasksOf('worker-0')[2]!.action.params as ManagedBlockParams;
    expect(block.path).to.equal('/etc/hosts');
    expect(block.block.split('\n')).to.have.length(3);
    expect(block.begin).to.equal('# BEGIN ORCHESTRATE MANAGED BLOCK kubernetes');
  });

  it('THEN swapoff runs only when /proc/swaps lists something', () => {
    expect((tasksOf('worker-0')[3]!.action.params as CommandParams).onlyIf).to.contain('/proc/swaps');
  });

  it('THEN the bridge and forwarding sysctls persist in /etc/sysctl.d/kubernetes.conf', () => {
    expect(tasksOf('worker-0')[7]!.action.params as SysctlParams).to.deep.equal({
      file: '/etc/sysctl.d/kubernetes.conf',
      values: {
        'net.bridge.bridge-nf-call-iptables': '1',
        'net.bridge.bridge-nf-call-ip6tables': '1',
        'net.ipv4.ip_forward': '1',
      },
    });
  });
});
