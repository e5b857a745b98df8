// The workers' OS layer: node-prep on every cluster host, the container runtime on the workers, and
// the pod routes everywhere. The kubelet and kube-proxy build on it.

import { definePlaybook } from 'orchestrate';
import { prepareCluster } from '../kubernetes/cluster/prepare.ts';
import { nodePrep } from '../roles/node-prep/index.ts';
import { containerRuntime } from '../roles/container-runtime/index.ts';
import { RUNTIME_BINARIES } from '../roles/container-runtime/paths.ts';
import { podRoutesRole } from '../roles/pod-routes/index.ts';

/** prepare: the model (pod CIDRs) and the runtime binaries, before any connection. */
export default definePlaybook({
  name: 'workers',
  prepare: (ctx) =>
    prepareCluster(
      ctx,
      RUNTIME_BINARIES.map((binary) => ({ binary })),
    ),
  plays: [
    { name: 'node preparation', hosts: 'controllers:workers', roles: [nodePrep] },
    { name: 'container runtime', hosts: 'workers', roles: [containerRuntime] },
    { name: 'pod routes', hosts: 'controllers:workers', roles: [podRoutesRole] },
  ],
});
