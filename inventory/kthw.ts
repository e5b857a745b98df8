// The classic Kubernetes The Hard Way layout: 3 controllers behind an API address, 3 workers.
//   orchestrate inventory -i inventory/kthw.ts --graph
//   orchestrate apply playbooks/cluster.ts -i inventory/kthw.ts
// On the local lab, `orchestrate lab up --controllers 3 --workers 3` writes an inventory of this
// shape (without the load balancer: the API address defaults to the first controller's).

import type { z } from 'zod';
import { defineInventory } from 'orchestrate';
import type { clusterVarsSchema } from '../kubernetes/cluster/vars.ts';

/** Vars a KTHW inventory may set; checked by tsc. */
interface KthwVars {
  cluster: z.input<typeof clusterVarsSchema>;
  pod_cidr: string;
  external_address: string;
  internal_address: string;
  dns: { upstream: string[] };
}

export default defineInventory<KthwVars>({
  vars: {
    ansible_user: 'root',
    cluster: {
      name: 'kubernetes-the-hard-way',
      // The load balancer in front of the three apiservers (KUBERNETES_PUBLIC_ADDRESS).
      api: { addresses: ['10.240.0.5'], names: ['kubernetes.internal'] },
      cluster_cidr: '10.200.0.0/16',
      service_cidr: '10.32.0.0/24',
      dns_ip: '10.32.0.10',
      cluster_domain: 'cluster.local',
    },
  },
  knownHosts: 'known_hosts',
  groups: {
    controllers: {
      hosts: {
        'controller-0': { address: '10.240.0.10' },
        'controller-1': { address: '10.240.0.11' },
        'controller-2': { address: '10.240.0.12' },
      },
    },
    workers: {
      hosts: {
        'worker-0': { address: '10.240.0.20', vars: { pod_cidr: '10.200.0.0/24' } },
        'worker-1': { address: '10.240.0.21', vars: { pod_cidr: '10.200.1.0/24' } },
        'worker-2': { address: '10.240.0.22', vars: { pod_cidr: '10.200.2.0/24' } },
      },
    },
    etcd: { children: ['controllers'] },
  },
});
