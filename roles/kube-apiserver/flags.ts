// kube-apiserver's flags for several controllers behind an API address, with the fixes for KTHW's traps always
// set (docs/kthw.md#apiserver-flags).

import type { ClusterModel, ClusterNode } from '../../kubernetes/cluster/model-types.ts';
import type { KubeApiserverFlags } from '../../kubernetes/flags/index.ts';
import { APISERVER_PORT } from '../../kubernetes/control-plane/health.ts';
import { CONTROL_PLANE_PKI as CP } from '../../kubernetes/pki/index.ts';

/** KTHW's admission plugins (the same in every edition). */
export const ADMISSION_PLUGINS = [
  'NamespaceLifecycle',
  'NodeRestriction',
  'LimitRanger',
  'ServiceAccount',
  'DefaultStorageClass',
  'ResourceQuota',
] as const;

/**
 * Dial kubelets by address first: a worker's name need not resolve on the controllers
 * (docs/kthw.md#kubelet-address-types).
 */
export const KUBELET_ADDRESS_TYPES = ['InternalIP', 'ExternalIP', 'Hostname'] as const;

/** Every etcd member over TLS, whatever --limit selects. */
export function etcdServers(model: ClusterModel): string[] {
  return model.etcd.map((m) => `https://${m.address}:2379`);
}

/** Pure: the flags of the apiserver on controller `me`. */
export function apiserverFlags(model: ClusterModel, me: ClusterNode): KubeApiserverFlags {
  return {
    'advertise-address': me.address,
    'allow-privileged': true,
    'audit-log-maxage': 30,
    'audit-log-maxbackup': 3,
    'audit-log-maxsize': 100,
    'audit-log-path': '/var/log/audit.log',
    'authorization-mode': ['Node', 'RBAC'],
    'bind-address': '0.0.0.0',
    'client-ca-file': CP.ca,
    'enable-admission-plugins': ADMISSION_PLUGINS,
    'encryption-provider-config': CP.encryptionConfig,
    // Each apiserver keeps its own lease in the `kubernetes` endpoints (the default since 1.11); KTHW 2021's
    // --apiserver-count only feeds the master-count reconciler and is deprecated, so it is not set.
    'endpoint-reconciler-type': 'lease',
    'etcd-cafile': CP.ca,
    'etcd-certfile': CP.etcdClientCert,
    'etcd-keyfile': CP.etcdClientKey,
    'etcd-servers': etcdServers(model),
    'event-ttl': '1h',
    'kubelet-certificate-authority': CP.ca,
    'kubelet-client-certificate': CP.apiserverCert,
    'kubelet-client-key': CP.apiserverKey,
    'kubelet-preferred-address-types': KUBELET_ADDRESS_TYPES,
    'runtime-config': { 'api/all': true },
    'secure-port': APISERVER_PORT,
    'service-account-issuer': [model.api.url],
    'service-account-key-file': [CP.serviceAccountCert],
    'service-account-signing-key-file': CP.serviceAccountKey,
    // Without it the apiserver hands out service IPs from 10.0.0.0/24 (docs/kthw.md#service-cidr-fallback).
    'service-cluster-ip-range': model.serviceCidr,
    'service-node-port-range': '30000-32767',
    'tls-cert-file': CP.apiserverCert,
    'tls-private-key-file': CP.apiserverKey,
    v: 2,
  };
}
