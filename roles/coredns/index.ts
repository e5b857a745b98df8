// coredns: cluster DNS at model.dnsIp, applied server-side from the first controller, gated on its rollout.

import { z } from 'zod';
import { defineRole } from 'orchestrate';
import { buildClusterModel, corednsImage } from '../../kubernetes/cluster/index.ts';
import {
  ADMIN_CLIENT,
  adminClientTasks,
  firstController,
  kubeApply,
  objectRef,
  rolloutCheck,
} from '../../kubernetes/api/index.ts';
import { corednsManifest } from './manifest.ts';
import { NAME, NAMESPACE } from './names.ts';

/** The `coredns` var: the image (default: registry.k8s.io's name for cluster.versions.coredns) and the replica count. */
export const corednsVars = z.object({
  coredns: z
    .object({
      image: z.string().min(1).optional(),
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
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    return { model, once: ctx.host.name === firstController(model) };
  },
  tasks: (ctx, { model, once }) => {
    // The default name is the one the image bundles carry, so an air-gapped node never pulls it.
    const image = ctx.vars.coredns.image ?? corednsImage(model.versions.coredns);
    const objects = corednsManifest({
      clusterDomain: model.clusterDomain,
      dnsIp: model.dnsIp,
      image,
      replicas: ctx.vars.coredns.replicas,
    });
    return [
      ...adminClientTasks(model, ctx.stateDir, ctx.host.name),
      ...objects.map((o) => ({ name: objectRef(o).label, action: kubeApply(o), when: once })),
    ];
  },
  // What a real cluster reports: the controller manager's Deployment status, nothing this role writes.
  health: (ctx, { once }) =>
    once
      ? {
          name: 'coredns rollout',
          check: rolloutCheck(ADMIN_CLIENT, NAMESPACE, NAME, ctx.vars.coredns.replicas),
          retries: 60,
          delayMs: 5000,
        }
      : undefined,
});
