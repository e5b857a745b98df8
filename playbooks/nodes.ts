// The node layer on a running control plane: apiserver -> kubelet RBAC, kubelet + kube-proxy on the
// workers, then cluster DNS. Its roles are exported for playbooks/cluster.ts to compose.

import { definePlaybook } from 'orchestrate';
import { prepareCluster } from '../kubernetes/cluster/prepare.ts';
import { coredns } from '../roles/coredns/index.ts';
import { kubeProxy } from '../roles/kube-proxy/index.ts';
import { kubeRbac } from '../roles/kube-rbac/index.ts';
import { kubelet } from '../roles/kubelet/index.ts';

export { coredns, kubeProxy, kubeRbac, kubelet };

export default definePlaybook({
  name: 'nodes',
  prepare: (ctx) => prepareCluster(ctx, [{ binary: 'kubelet' }, { binary: 'kube-proxy' }]),
  plays: [
    // Before the kubelets serve logs/exec to the apiserver (docs/kthw.md#order); applied from the first controller.
    { name: 'apiserver to kubelet RBAC', hosts: 'controllers', roles: [kubeRbac] },
    { name: 'workers', hosts: 'workers', roles: [kubelet, kubeProxy] },
    // Last: pods need nodes, kube-proxy and routes; the kubelets' clusterDNS points at its Service.
    { name: 'cluster DNS', hosts: 'controllers', roles: [coredns] },
  ],
});
