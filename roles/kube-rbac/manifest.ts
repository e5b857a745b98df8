// The apiserver may use the kubelets' API (logs, exec, port-forward, metrics), as typed objects: kubelets
// authorize every request by Webhook, the apiserver's too (docs/kthw.md#apiserver-kubelet-rbac).

import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1.js';

/** The ClusterRole the kubelets' Webhook authorizer checks the apiserver's requests against. */
export const APISERVER_TO_KUBELET = 'system:kube-apiserver-to-kubelet';

/** The user the apiserver authenticates to kubelets as: the CN of its kubelet client certificate (kubernetes.pem). */
export const APISERVER_USER = 'kubernetes';

/** Pure: the ClusterRole (nodes/proxy, stats, log, spec, metrics: every verb), as KTHW writes it. */
export function apiserverToKubeletRole(): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: APISERVER_TO_KUBELET,
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
    },
    rules: [
      {
        apiGroups: [''],
        resources: ['nodes/proxy', 'nodes/stats', 'nodes/log', 'nodes/spec', 'nodes/metrics'],
        verbs: ['*'],
      },
    ],
  };
}

/**
 * Pure: its binding to the apiserver's user; any other name gives Forbidden on logs/exec
 * (docs/kthw.md#kubelet-forbidden).
 */
export function apiserverToKubeletBinding(user: string = APISERVER_USER): ClusterRoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:kube-apiserver' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: APISERVER_TO_KUBELET },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  };
}
