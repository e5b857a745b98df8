// Where the PKI lands on hosts (KTHW's multi-controller paths); role templates use these same constants in flags.

/** etcd members: /etc/etcd. */
export const ETCD_PKI = {
  dir: '/etc/etcd',
  ca: '/etc/etcd/ca.pem',
  cert: '/etc/etcd/etcd-server.pem',
  key: '/etc/etcd/etcd-server-key.pem',
  peerCert: '/etc/etcd/etcd-peer.pem',
  peerKey: '/etc/etcd/etcd-peer-key.pem',
} as const;

/** Controllers: /var/lib/kubernetes (apiserver, controller-manager, scheduler, admin kubeconfig). */
export const CONTROL_PLANE_PKI = {
  dir: '/var/lib/kubernetes',
  ca: '/var/lib/kubernetes/ca.pem',
  caKey: '/var/lib/kubernetes/ca-key.pem',
  apiserverCert: '/var/lib/kubernetes/kubernetes.pem',
  apiserverKey: '/var/lib/kubernetes/kubernetes-key.pem',
  serviceAccountCert: '/var/lib/kubernetes/service-account.pem',
  serviceAccountKey: '/var/lib/kubernetes/service-account-key.pem',
  etcdClientCert: '/var/lib/kubernetes/apiserver-etcd-client.pem',
  etcdClientKey: '/var/lib/kubernetes/apiserver-etcd-client-key.pem',
  encryptionConfig: '/var/lib/kubernetes/encryption-config.yaml',
  controllerManagerKubeconfig: '/var/lib/kubernetes/kube-controller-manager.kubeconfig',
  schedulerKubeconfig: '/var/lib/kubernetes/kube-scheduler.kubeconfig',
  adminKubeconfig: '/var/lib/kubernetes/admin.kubeconfig',
} as const;

/** Workers: the kubelet's CA (its clientCAFile), serving/client cert and kubeconfig in /var/lib/kubelet. */
export function kubeletPki(node: string) {
  return {
    dir: '/var/lib/kubelet',
    ca: '/var/lib/kubelet/ca.pem',
    cert: `/var/lib/kubelet/${node}.pem`,
    key: `/var/lib/kubelet/${node}-key.pem`,
    kubeconfig: '/var/lib/kubelet/kubeconfig',
  } as const;
}

/** Workers: kube-proxy's kubeconfig. */
export const KUBE_PROXY_PKI = { dir: '/var/lib/kube-proxy', kubeconfig: '/var/lib/kube-proxy/kubeconfig' } as const;

/** The apiserver's own address for clients on the controllers (kubeconfigs of kcm, scheduler, admin). */
export const LOCAL_API_URL = 'https://127.0.0.1:6443';
