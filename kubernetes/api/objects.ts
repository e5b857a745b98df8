// Kubernetes objects the roles apply: their REST path (kind -> resource), checked when the task is built.

import { OrchestrateError } from 'orchestrate';

/** The part of any typed object (kubernetes-types) the apply module reads. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly annotations?: { readonly [key: string]: string };
  };
}

/** kind -> [plural resource, namespaced], per apiVersion: the kinds our roles apply (extend as needed). */
const RESOURCES: Readonly<Record<string, Readonly<Record<string, readonly [string, boolean]>>>> = {
  v1: {
    ConfigMap: ['configmaps', true],
    Namespace: ['namespaces', false],
    Secret: ['secrets', true],
    Service: ['services', true],
    ServiceAccount: ['serviceaccounts', true],
  },
  'apps/v1': { DaemonSet: ['daemonsets', true], Deployment: ['deployments', true] },
  'rbac.authorization.k8s.io/v1': {
    ClusterRole: ['clusterroles', false],
    ClusterRoleBinding: ['clusterrolebindings', false],
    Role: ['roles', true],
    RoleBinding: ['rolebindings', true],
  },
};

// RBAC names may hold ':' (system:coredns), a valid path character; nothing here needs escaping.
const NAME = /^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/;

/** Where an object lives and how it is shown: "/apis/apps/v1/namespaces/kube-system/deployments/coredns". */
export interface ObjectRef {
  readonly path: string;
  /** "Deployment kube-system/coredns". */
  readonly label: string;
}

function invalid(what: string, fix: string): OrchestrateError {
  return new OrchestrateError('PLAYBOOK_INVALID', `kubernetes.apply: ${what}`, { fix });
}

/** The object's REST path; PLAYBOOK_INVALID for a kind not in the table, a missing name or namespace. */
export function objectRef(obj: KubeObject): ObjectRef {
  const { apiVersion = '', kind = '' } = obj;
  const name = obj.metadata?.name ?? '';
  const row = RESOURCES[apiVersion]?.[kind];
  if (row === undefined)
    throw invalid(
      `unknown kind ${kind || '(none)'} of apiVersion ${apiVersion || '(none)'}`,
      'set apiVersion and kind; add the kind to kubernetes/api/objects.ts',
    );
  if (!NAME.test(name))
    throw invalid(`${kind} name ${JSON.stringify(name)} is not a valid object name`, 'set metadata.name');
  const [resource, namespaced] = row;
  const ns = obj.metadata?.namespace;
  if (namespaced && (ns === undefined || !NAME.test(ns)))
    throw invalid(`${kind} ${name} is namespaced but has no valid metadata.namespace`, 'set metadata.namespace');
  if (!namespaced && ns !== undefined)
    throw invalid(`${kind} ${name} is cluster-scoped but names namespace ${ns}`, 'drop metadata.namespace');
  const base = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
  return {
    path: namespaced ? `${base}/namespaces/${ns}/${resource}/${name}` : `${base}/${resource}/${name}`,
    label: namespaced ? `${kind} ${ns}/${name}` : `${kind} ${name}`,
  };
}
