// The resources the apiserver double serves: enough of Kubernetes 1.32's built-in API for discovery and applies.

/** One served resource. */
export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  /** Plural, lower case: the URL segment. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
}

type Row = [resource: string, kind: string, namespaced: boolean, shortNames?: string[]];

const GROUPS: Record<string, Row[]> = {
  v1: [
    ['bindings', 'Binding', true],
    ['configmaps', 'ConfigMap', true, ['cm']],
    ['endpoints', 'Endpoints', true, ['ep']],
    ['events', 'Event', true, ['ev']],
    ['limitranges', 'LimitRange', true, ['limits']],
    ['namespaces', 'Namespace', false, ['ns']],
    ['nodes', 'Node', false, ['no']],
    ['persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']],
    ['persistentvolumes', 'PersistentVolume', false, ['pv']],
    ['pods', 'Pod', true, ['po']],
    ['podtemplates', 'PodTemplate', true],
    ['replicationcontrollers', 'ReplicationController', true, ['rc']],
    ['resourcequotas', 'ResourceQuota', true, ['quota']],
    ['secrets', 'Secret', true],
    ['serviceaccounts', 'ServiceAccount', true, ['sa']],
    ['services', 'Service', true, ['svc']],
  ],
  'admissionregistration.k8s.io/v1': [
    ['mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false],
    ['validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false],
    ['validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false],
    ['validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false],
  ],
  'apiextensions.k8s.io/v1': [['customresourcedefinitions', 'CustomResourceDefinition', false, ['crd', 'crds']]],
  'apps/v1': [
    ['controllerrevisions', 'ControllerRevision', true],
    ['daemonsets', 'DaemonSet', true, ['ds']],
    ['deployments', 'Deployment', true, ['deploy']],
    ['replicasets', 'ReplicaSet', true, ['rs']],
    ['statefulsets', 'StatefulSet', true, ['sts']],
  ],
  'autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, ['hpa']]],
  'batch/v1': [
    ['cronjobs', 'CronJob', true, ['cj']],
    ['jobs', 'Job', true],
  ],
  'certificates.k8s.io/v1': [['certificatesigningrequests', 'CertificateSigningRequest', false, ['csr']]],
  'coordination.k8s.io/v1': [['leases', 'Lease', true]],
  'discovery.k8s.io/v1': [['endpointslices', 'EndpointSlice', true]],
  'events.k8s.io/v1': [['events', 'Event', true, ['ev']]],
  'networking.k8s.io/v1': [
    ['ingressclasses', 'IngressClass', false],
    ['ingresses', 'Ingress', true, ['ing']],
    ['networkpolicies', 'NetworkPolicy', true, ['netpol']],
  ],
  'node.k8s.io/v1': [['runtimeclasses', 'RuntimeClass', false]],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb']]],
  'rbac.authorization.k8s.io/v1': [
    ['clusterrolebindings', 'ClusterRoleBinding', false],
    ['clusterroles', 'ClusterRole', false],
    ['rolebindings', 'RoleBinding', true],
    ['roles', 'Role', true],
  ],
  'scheduling.k8s.io/v1': [['priorityclasses', 'PriorityClass', false, ['pc']]],
  'storage.k8s.io/v1': [
    ['csidrivers', 'CSIDriver', false],
    ['csinodes', 'CSINode', false],
    ['storageclasses', 'StorageClass', false, ['sc']],
    ['volumeattachments', 'VolumeAttachment', false],
  ],
};

/** Every served resource. */
export const RESOURCES: readonly ResourceInfo[] = Object.entries(GROUPS).flatMap(([gv, rows]) => {
  const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
  return rows.map(([resource, kind, namespaced, shortNames]) => ({
    group,
    version,
    resource,
    kind,
    namespaced,
    ...(shortNames ? { shortNames } : {}),
  }));
});

/** "v1" for the core group, else "group/version". */
export const groupVersion = (r: { group: string; version: string }): string =>
  r.group === '' ? r.version : `${r.group}/${r.version}`;

/** The resource at group/version/resource, if served. */
export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

/** Served group names (core excluded), in order. */
export function servedGroups(): { group: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const r of RESOURCES) if (r.group !== '' && !seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([group, version]) => ({ group, version }));
}
