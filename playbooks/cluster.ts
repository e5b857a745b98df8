// The whole cluster, the hard way, in KTHW's order (docs/kthw.md#order): OS, etcd, control plane, RBAC, runtime,
// kubelet and kube-proxy, pod routes, CoreDNS. Every play knows every host (--limit narrows work only).

import { definePlaybook } from 'orchestrate';
import { buildClusterModel } from '../kubernetes/cluster/index.ts';
import { prepareCluster } from '../kubernetes/cluster/prepare.ts';
import { checkFlagVersion } from '../kubernetes/flags/version.ts';
import { nodePrep } from '../roles/node-prep/index.ts';
import { etcd } from '../roles/etcd/index.ts';
import { kubeApiserver } from '../roles/kube-apiserver/index.ts';
import { kubeControllerManager } from '../roles/kube-controller-manager/index.ts';
import { kubeScheduler } from '../roles/kube-scheduler/index.ts';
import { containerRuntime } from '../roles/container-runtime/index.ts';
import { RUNTIME_BINARIES } from '../roles/container-runtime/paths.ts';
import { podRoutesRole } from '../roles/pod-routes/index.ts';
import { coredns, kubeProxy, kubeRbac, kubelet } from './nodes.ts';

const BINARIES = [
  'etcd',
  'etcdctl',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  ...RUNTIME_BINARIES,
];

export default definePlaybook({
  name: 'cluster',
  prepare: async (ctx) => {
    checkFlagVersion(buildClusterModel(ctx.inventory, ctx.stateDir).versions.kubernetes);
    await prepareCluster(
      ctx,
      BINARIES.map((binary) => ({ binary })),
    );
  },
  plays: [
    { name: 'node preparation', hosts: 'controllers:workers', roles: [nodePrep] },
    { name: 'etcd members', hosts: 'etcd', roles: [etcd] },
    { name: 'control plane', hosts: 'controllers', roles: [kubeApiserver, kubeControllerManager, kubeScheduler] },
    { name: 'apiserver to kubelet RBAC', hosts: 'controllers', roles: [kubeRbac] },
    { name: 'container runtime', hosts: 'workers', roles: [containerRuntime] },
    { name: 'kubelet and kube-proxy', hosts: 'workers', roles: [kubelet, kubeProxy] },
    { name: 'pod routes', hosts: 'controllers:workers', roles: [podRoutesRole] },
    { name: 'cluster DNS', hosts: 'controllers', roles: [coredns] },
  ],
});
