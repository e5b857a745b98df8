// The certificate table the tests hold the PKI to, for kthwModel() (docs/kthw.md#certificates, docs/pki.md).

const OU = 'OU=Kubernetes The Hard Way, L=Portland, ST=Oregon, C=US';
const BOTH = ['clientAuth', 'serverAuth'];

/** KTHW's cfssl set plus per-member etcd certs and the apiserver's etcd client: name, subject, SANs, extended key usages. */
export const EXPECTED: { name: string; subject: string; sans: string[]; eku: string[] }[] = [
  { name: 'admin', subject: `CN=admin, O=system:masters, ${OU}`, sans: [], eku: BOTH },
  {
    name: 'kubelet-worker-0',
    subject: `CN=system:node:worker-0, O=system:nodes, ${OU}`,
    sans: ['DNS:worker-0', 'IP:10.240.0.20', 'IP:127.0.0.1', 'IP:35.200.0.20'],
    eku: BOTH,
  },
  {
    name: 'kubelet-worker-1',
    subject: `CN=system:node:worker-1, O=system:nodes, ${OU}`,
    sans: ['DNS:worker-1', 'IP:10.240.0.21', 'IP:127.0.0.1'],
    eku: BOTH,
  },
  {
    name: 'kubelet-worker-2',
    subject: `CN=system:node:worker-2, O=system:nodes, ${OU}`,
    sans: ['DNS:worker-2', 'IP:10.240.0.22', 'IP:127.0.0.1'],
    eku: BOTH,
  },
  { name: 'kube-proxy', subject: `CN=system:kube-proxy, O=system:node-proxier, ${OU}`, sans: [], eku: BOTH },
  {
    name: 'kube-controller-manager',
    subject: `CN=system:kube-controller-manager, O=system:kube-controller-manager, ${OU}`,
    sans: [],
    eku: BOTH,
  },
  { name: 'kube-scheduler', subject: `CN=system:kube-scheduler, O=system:kube-scheduler, ${OU}`, sans: [], eku: BOTH },
  {
    name: 'kubernetes',
    subject: `CN=kubernetes, O=Kubernetes, ${OU}`,
    sans: [
      'DNS:api.kthw.example',
      'DNS:kubernetes',
      'DNS:kubernetes.default',
      'DNS:kubernetes.default.svc',
      'DNS:kubernetes.default.svc.cluster',
      'DNS:kubernetes.default.svc.cluster.local',
      'IP:10.240.0.10',
      'IP:10.240.0.100',
      'IP:10.240.0.11',
      'IP:10.240.0.12',
      'IP:10.32.0.1',
      'IP:127.0.0.1',
    ],
    eku: BOTH,
  },
  { name: 'service-account', subject: `CN=service-accounts, O=Kubernetes, ${OU}`, sans: [], eku: BOTH },
  ...[0, 1, 2].flatMap((i) =>
    ['etcd-server', 'etcd-peer'].map((kind) => ({
      name: `${kind}-controller-${i}`,
      subject: `CN=controller-${i}, ${OU}`,
      sans: [`DNS:controller-${i}`, `IP:10.240.0.1${i}`, 'IP:127.0.0.1'],
      eku: BOTH,
    })),
  ),
  { name: 'apiserver-etcd-client', subject: `CN=kube-apiserver-etcd-client, ${OU}`, sans: [], eku: ['clientAuth'] },
];
