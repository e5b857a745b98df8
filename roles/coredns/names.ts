// Names shared by the CoreDNS objects, and what the manifest is made from.

/** What the manifest is made from. */
export interface CorednsInput {
  readonly clusterDomain: string;
  /** The kube-dns Service's ClusterIP: the kubelets' clusterDNS. */
  readonly dnsIp: string;
  readonly image: string;
  readonly replicas: number;
}

/** The add-on's namespace. */
export const NAMESPACE = 'kube-system';
/** Name of the ServiceAccount, ConfigMap and Deployment. */
export const NAME = 'coredns';
/** The labels every KTHW/kubeadm tool selects CoreDNS by. */
export const LABELS = { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } as const;
