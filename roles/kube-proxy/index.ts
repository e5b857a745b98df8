// kube-proxy (workers): binary, kubeconfig, iptables-mode config, unit; gated on its healthz.

import { z } from 'zod';
import { defineHandler, defineRole, artifact, directory, file, systemdService, systemdUnit, sh } from 'orchestrate';
import { buildClusterModel } from '../../kubernetes/cluster/index.ts';
import { artifactOptions, resolveArtifactSync } from '../../kubernetes/artifacts/index.ts';
import { KUBE_PROXY_PKI, pkiFileTasks, pkiFilesFor } from '../../kubernetes/pki/index.ts';
import {
  KUBE_PROXY_BIN,
  KUBE_PROXY_CONFIG,
  KUBE_PROXY_HEALTHZ_PORT,
  renderKubeProxyConfig,
  renderKubeProxyUnit,
} from './config.ts';

const restart = defineHandler({
  name: 'restart kube-proxy',
  action: systemdService({ name: 'kube-proxy', state: 'restarted' }),
});

/** The role's vars. */
export const kubeProxyVars = z.object({
  kube_proxy: z
    .object({
      /**
       * conntrack.maxPerCore. kube-proxy raises the global nf_conntrack_max to this times the cores, which a host
       * that is a container (its own network namespace) may not write: 0 there leaves the kernel's value alone.
       */
      conntrack_max_per_core: z.number().int().min(0).optional(),
    })
    .strict()
    .prefault({}),
});

/** Run it on the workers; pkiFilesFor refuses a host that is not one. */
export const kubeProxy = defineRole({
  name: 'kube-proxy',
  tags: ['kube-proxy'],
  // Restarts (a new kubeconfig after an API address change, a new cert) go one node at a time.
  rolling: 1,
  vars: kubeProxyVars,
  context: (ctx) => buildClusterModel(ctx.inventory, ctx.stateDir),
  tasks: (ctx, model) => {
    const pki = pkiFilesFor(model, ctx.stateDir, ctx.host.name, 'kube-proxy');
    const bin = resolveArtifactSync('kube-proxy', model.versions.kubernetes, ctx.facts.arch, artifactOptions(ctx));
    const config = renderKubeProxyConfig({
      node: ctx.host.name,
      clusterCidr: model.clusterCidr,
      conntrackMaxPerCore: ctx.vars.kube_proxy.conntrack_max_per_core,
    });
    return [
      { name: 'kube-proxy dir', action: directory({ path: KUBE_PROXY_PKI.dir }) },
      {
        name: 'kube-proxy binary',
        action: artifact({ src: bin.path, sha256: bin.sha256, dest: KUBE_PROXY_BIN, mode: '0755' }),
        notify: [restart],
      },
      ...pkiFileTasks(pki, [restart]),
      { name: 'kube-proxy config', action: file({ path: KUBE_PROXY_CONFIG, content: config }), notify: [restart] },
      {
        name: 'unit',
        action: systemdUnit({ name: 'kube-proxy.service', content: renderKubeProxyUnit() }),
        notify: [restart],
      },
      { name: 'running', action: systemdService({ name: 'kube-proxy', enabled: true, state: 'started' }) },
    ];
  },
  handlers: [restart],
  health: () => ({
    name: 'kube-proxy healthz',
    check: sh`curl -fsS --max-time 5 ${`http://127.0.0.1:${KUBE_PROXY_HEALTHZ_PORT}/healthz`}`,
    retries: 30,
    delayMs: 2000,
  }),
});
