// The cluster model: every value the Kubernetes roles need, derived once from the inventory.

import type { ReleaseSet } from './release-sets.ts';

export interface ClusterNode {
  /** Inventory host name = node name (kubelet cert CN system:node:<name>). */
  readonly name: string;
  /** InternalIP: the host's address on the cluster network. */
  readonly address: string;
  /** ExternalIP, when the host has one distinct from address. */
  readonly externalAddress: string | undefined;
}

export interface WorkerNode extends ClusterNode {
  /** This node's pod CIDR (e.g. 10.200.0.0/24): explicit var, or assigned once and kept in the state dir. */
  readonly podCidr: string;
}

/** The versions of every component (release-sets.ts: one set per Kubernetes minor, overridable per key). */
export type ComponentVersions = ReleaseSet;

export interface ClusterModel {
  /** kubeconfig cluster name, e.g. 'kubernetes-the-hard-way'. */
  readonly name: string;
  readonly controllers: readonly ClusterNode[];
  readonly workers: readonly WorkerNode[];
  /** etcd members (default: the controllers); always an odd count. */
  readonly etcd: readonly ClusterNode[];
  readonly api: {
    /** Addresses clients use for the API (the load balancer's, or the first controller's). First = primary. */
    readonly addresses: readonly string[];
    /** DNS names of the API (go into the apiserver cert SANs). */
    readonly names: readonly string[];
    readonly port: number; // 6443
    /** https://<addresses[0]>:<port>, the URL in worker kubeconfigs. */
    readonly url: string;
  };
  readonly clusterCidr: string; // 10.200.0.0/16
  readonly serviceCidr: string; // 10.32.0.0/24
  /** First address of the service CIDR (10.32.0.1): the `kubernetes` service. */
  readonly apiServiceIp: string;
  readonly dnsIp: string; // 10.32.0.10
  readonly clusterDomain: string; // cluster.local
  readonly versions: ComponentVersions;
  /** OCI image archives to import on the workers, as written in the vars ({arch} not yet expanded). */
  readonly imageBundles: readonly string[];
  /** RSA key size for the PKI: 2048 (default) or 4096. */
  readonly keySize: 2048 | 4096;
}
