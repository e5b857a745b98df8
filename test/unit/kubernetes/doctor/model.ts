// A KTHW-shaped cluster model for the doctor's judges: 3 controllers behind 10.240.0.5, 2 workers.

import type { ClusterModel } from '../../../../kubernetes/cluster/index.ts';
import type { KthwDoctorContext } from '../../../../kubernetes/doctor/context.ts';

export const MODEL = {
  name: 'kubernetes-the-hard-way',
  controllers: [0, 1, 2].map((i) => ({
    name: `controller-${i}`,
    address: `10.240.0.1${i}`,
    externalAddress: undefined,
  })),
  workers: [0, 1].map((i) => ({
    name: `worker-${i}`,
    address: `10.240.0.2${i}`,
    externalAddress: undefined,
    podCidr: `10.200.${i}.0/24`,
  })),
  etcd: [],
  api: { addresses: ['10.240.0.5'], names: [], port: 6443, url: 'https://10.240.0.5:6443' },
  clusterCidr: '10.200.0.0/16',
  serviceCidr: '10.32.0.0/24',
  apiServiceIp: '10.32.0.1',
  dnsIp: '10.32.0.10',
  clusterDomain: 'cluster.local',
  versions: {
    kubernetes: '1.32.3',
    etcd: '3.5.16',
    containerd: '2.1.0',
    runc: '1.3.0',
    cni: '1.6.2',
    crictl: '1.32.0',
  },
  keySize: 2048,
} as unknown as ClusterModel;

export const CTX: KthwDoctorContext = {
  model: MODEL,
  stateDir: '/nonexistent',
  renewWindowDays: 30,
  isController: (h) => h.name.startsWith('controller-'),
  isWorker: (h) => h.name.startsWith('worker-'),
};
