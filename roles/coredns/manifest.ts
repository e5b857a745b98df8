// The CoreDNS add-on (KTHW's hosted manifest is gone: rebuilt and fixed, docs/kthw.md#coredns) as typed
// objects, in the order they are applied.

import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Service, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1.js';
import { renderCorefile } from './corefile.ts';
import { corednsDeployment } from './deployment.ts';
import type { CorednsInput } from './names.ts';
import { LABELS, NAME, NAMESPACE } from './names.ts';

type CorednsObject = ServiceAccount | ClusterRole | ClusterRoleBinding | ConfigMap | Deployment | Service;

/** Pure: ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap, Deployment, Service. */
export function corednsManifest(c: CorednsInput): CorednsObject[] {
  const sa: ServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: NAME, namespace: NAMESPACE },
  };
  const role: ClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'system:coredns', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    rules: [
      { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
      // CoreDNS >= 1.8.3 watches EndpointSlices; without this it logs "forbidden" and serves nothing.
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
    ],
  };
  const binding: ClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'system:coredns', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
    subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: NAMESPACE }],
  };
  const config: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: NAME, namespace: NAMESPACE },
    data: { Corefile: renderCorefile(c.clusterDomain) },
  };
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: NAMESPACE,
      labels: { ...LABELS, 'kubernetes.io/cluster-service': 'true' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      selector: { 'k8s-app': LABELS['k8s-app'] },
      clusterIP: c.dnsIp,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
    },
  };
  return [sa, role, binding, config, corednsDeployment(c), service];
}
