// The control plane: etcd on its members, then kube-apiserver, kube-controller-manager and kube-scheduler on
// the controllers, each rolling one controller at a time behind its health gate.

import { definePlaybook } from 'orchestrate';
import { buildClusterModel } from '../kubernetes/cluster/index.ts';
import { prepareCluster } from '../kubernetes/cluster/prepare.ts';
import { checkFlagVersion } from '../kubernetes/flags/version.ts';
import { etcd } from '../roles/etcd/index.ts';
import { kubeApiserver } from '../roles/kube-apiserver/index.ts';
import { kubeControllerManager } from '../roles/kube-controller-manager/index.ts';
import { kubeScheduler } from '../roles/kube-scheduler/index.ts';

export default definePlaybook({
  name: 'control-plane',
  prepare: async (ctx) => {
    checkFlagVersion(buildClusterModel(ctx.inventory, ctx.stateDir).versions.kubernetes);
    await prepareCluster(ctx, [
      { binary: 'etcd' },
      { binary: 'etcdctl' },
      { binary: 'kube-apiserver' },
      { binary: 'kube-controller-manager' },
      { binary: 'kube-scheduler' },
    ]);
  },
  plays: [
    { name: 'etcd members', hosts: 'etcd', roles: [etcd] },
    { name: 'control plane', hosts: 'controllers', roles: [kubeApiserver, kubeControllerManager, kubeScheduler] },
  ],
});
