// coredns: cluster DNS at model.dnsIp, applied server-side from the first controller, gated on its rollout.

import { z } from 'zod';
import { defineRole } from '../../src/executor/define.ts';
import { buildClusterModel } from '../cluster/index.ts';
import {
  ADMIN_CLIENT,
  adminClientTasks,
  firstController,
  kubeApply,
  objectRef,
  rolloutCheck,
} from '../kubernetes/index.ts';
import { corednsManifest } from './manifest.ts';
import { NAME, NAMESPACE } from './names.ts';

/** The `coredns` var: the image (CoreDNS of Kubernetes 1.32's kubeadm) and the replica count. */
export const corednsVars = z.object({
  coredns: z
    .object({
      image: z.string().min(1).default('coredns/coredns:1.11.3'),
      replicas: z.number().int().min(1).max(20).default(2),
    })
    .strict()
    .prefault({}),
});

/** Run it on the controllers once the workers (kubelet, kube-proxy) and pod routes are up. */
export const coredns = defineRole({
  name: 'coredns',
  tags: ['coredns', 'dns'],
  vars: corednsVars,
  tasks: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    const once = ctx.host.name === firstController(model);
    const objects = corednsManifest({ clusterDomain: model.clusterDomain, dnsIp: model.dnsIp, ...ctx.vars.coredns });
    return [
      ...adminClientTasks(model, ctx.stateDir, ctx.host.name),
      ...objects.map((o) => ({ name: objectRef(o).label, action: kubeApply(o), when: once })),
    ];
  },
  // What a real cluster reports: the controller manager's Deployment status, nothing this role writes.
  health: (ctx) =>
    ctx.host.name === firstController(buildClusterModel(ctx.inventory, ctx.stateDir))
      ? {
          name: 'coredns rollout',
          check: rolloutCheck(ADMIN_CLIENT, NAMESPACE, NAME, ctx.vars.coredns.replicas),
          retries: 60,
          delayMs: 5000,
        }
      : undefined,
});
