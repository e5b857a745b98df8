// kube-rbac: the apiserver -> kubelet RBAC (docs/kthw.md#apiserver-kubelet-rbac), applied server-side once,
// from the first controller.

import { defineRole } from 'orchestrate';
import { buildClusterModel } from '../../kubernetes/cluster/index.ts';
import { adminClientTasks, firstController, kubeApply } from '../../kubernetes/api/index.ts';
import { apiserverToKubeletBinding, apiserverToKubeletRole } from './manifest.ts';

/** Run it on the controllers after the apiserver is up; every controller gets the admin client files. */
export const kubeRbac = defineRole({
  name: 'kube-rbac',
  tags: ['kube-rbac', 'rbac'],
  context: (ctx) => buildClusterModel(ctx.inventory, ctx.stateDir),
  tasks: (ctx, model) => {
    const once = ctx.host.name === firstController(model);
    return [
      ...adminClientTasks(model, ctx.stateDir, ctx.host.name),
      { name: 'ClusterRole system:kube-apiserver-to-kubelet', action: kubeApply(apiserverToKubeletRole()), when: once },
      { name: 'ClusterRoleBinding system:kube-apiserver', action: kubeApply(apiserverToKubeletBinding()), when: once },
    ];
  },
});
