// node-prep: what every cluster host needs before Kubernetes runs on it (docs/kthw.md#pitfalls):
// hostname = node name, /etc/hosts naming the cluster, swap off for good, the packages kube-proxy and
// port-forward use, br_netfilter and the bridge/forwarding sysctls, all persisted.

import { defineRole, aptPackage, command, file, kernelModule, managedBlock, sysctl, sh } from 'orchestrate';
import { buildClusterModel } from '../../kubernetes/cluster/index.ts';
import { fstabNoSwap } from './fstab-module.ts';
import { HOSTS_BLOCK_ID, renderHostsBlock } from './hosts-block.ts';

/** socat: kubectl port-forward; conntrack, ipset: kube-proxy; iptables: kube-proxy and the bridge's ipMasq. */
export const NODE_PACKAGES = ['socat', 'conntrack', 'ipset', 'iptables'] as const;

/** Without them, same-node service replies skip de-NAT ("reply from unexpected source", docs/kthw.md#br-netfilter). */
export const NODE_SYSCTLS = {
  'net.bridge.bridge-nf-call-iptables': 1,
  'net.bridge.bridge-nf-call-ip6tables': 1,
  'net.ipv4.ip_forward': 1,
} as const;

/** Sorts after 99-sysctl.conf (Debian's /etc/sysctl.conf link), so an old local setting cannot win. */
export const NODE_SYSCTL_FILE = 'kubernetes.conf';

/** Runs on every cluster host (controllers too: they dial kubelets by name and route to pods). */
export const nodePrep = defineRole({
  name: 'node-prep',
  tags: ['node-prep'],
  context: (ctx) => buildClusterModel(ctx.inventory, ctx.stateDir),
  tasks: (ctx, model) => {
    const name = ctx.host.name;
    return [
      // The kubelet registers under the hostname; it must be the name in its cert (docs/kthw.md#node-name).
      { name: 'hostname file', action: file({ path: '/etc/hostname', content: `${name}\n` }) },
      {
        name: 'hostname',
        action: command({ run: sh`hostname ${name}`, unless: sh`[ "$(hostname)" = ${name} ]` }),
      },
      {
        name: 'cluster hosts in /etc/hosts',
        action: managedBlock({ path: '/etc/hosts', id: HOSTS_BLOCK_ID, block: renderHostsBlock(model) }),
      },
      {
        name: 'swap off',
        action: command({ run: 'swapoff -a', onlyIf: '[ -n "$(tail -n +2 /proc/swaps)" ]' }),
      },
      { name: 'no swap in fstab', action: fstabNoSwap() },
      { name: 'packages', action: aptPackage({ names: [...NODE_PACKAGES] }) },
      { name: 'br_netfilter', action: kernelModule({ name: 'br_netfilter' }) },
      { name: 'bridge and forwarding sysctls', action: sysctl({ values: NODE_SYSCTLS, file: NODE_SYSCTL_FILE }) },
    ];
  },
});
