// kube-controller-manager's flags (docs/kthw.md#controller-manager-flags).

import type { ClusterModel } from '../../kubernetes/cluster/model-types.ts';
import type { KubeControllerManagerFlags } from '../../kubernetes/flags/index.ts';
import { CONTROL_PLANE_PKI as CP } from '../../kubernetes/pki/index.ts';

/** Pure: the flags of the controller manager (the same on every controller). */
export function controllerManagerFlags(model: ClusterModel): KubeControllerManagerFlags {
  return {
    // --allocate-node-cidrs stays unset (false), as in KTHW: pod CIDRs are the model's (kept in the state dir,
    // given to each kubelet and CNI config); a second allocator here could hand a node a different one.
    'bind-address': '0.0.0.0',
    'cluster-cidr': model.clusterCidr,
    'cluster-name': 'kubernetes',
    'cluster-signing-cert-file': CP.ca,
    'cluster-signing-key-file': CP.caKey,
    kubeconfig: CP.controllerManagerKubeconfig,
    'leader-elect': true,
    'root-ca-file': CP.ca,
    'service-account-private-key-file': CP.serviceAccountKey,
    'service-cluster-ip-range': model.serviceCidr,
    'use-service-account-credentials': true,
    v: 2,
  };
}
