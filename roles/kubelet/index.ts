// kubelet (workers): binary, PKI, a loop-free resolvConf chosen from the facts, config, unit; gated on healthz.

import { defineHandler, defineRole, artifact, directory, systemdService, systemdUnit, file } from 'orchestrate';
import { buildClusterModel, workerOf } from '../../kubernetes/cluster/index.ts';
import { artifactOptions, resolveArtifactSync } from '../../kubernetes/artifacts/index.ts';
import { kubeletPki, pkiFileTasks, pkiFilesFor } from '../../kubernetes/pki/index.ts';
import { KUBELET_CONFIG, renderKubeletConfig } from './config.ts';
import { restartResolved, resolvTasks } from './dns-tasks.ts';
import { kubeletHealthCheck } from './health.ts';
import { chooseResolvConf } from './resolv-conf.ts';
import { KUBELET_BIN, renderKubeletUnit } from './unit.ts';
import { kubeletVars } from './vars.ts';

const restart = defineHandler({
  name: 'restart kubelet',
  action: systemdService({ name: 'kubelet', state: 'restarted' }),
});

/** Needs containerd (container-runtime role) on the host: the unit Requires= it. */
export const kubelet = defineRole({
  name: 'kubelet',
  tags: ['kubelet'],
  // Restarts (a new kubeconfig after an API address change, a new cert) go one node at a time.
  rolling: 1,
  vars: kubeletVars,
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    const me = workerOf(model, ctx.host.name, 'kubelet');
    // Before anything changes: a host whose pods would get a loopback resolver stops here.
    const resolv = chooseResolvConf(ctx.host.name, ctx.facts, ctx.vars.dns.upstream);
    return { model, me, resolv };
  },
  tasks: (ctx, { model, me, resolv }) => {
    const bin = resolveArtifactSync('kubelet', model.versions.kubernetes, ctx.facts.arch, artifactOptions(ctx));
    const config = renderKubeletConfig({
      node: me.name,
      podCidr: me.podCidr,
      clusterDomain: model.clusterDomain,
      dnsIp: model.dnsIp,
      resolvConf: resolv.path,
      runtimeRequestTimeout: ctx.vars.kubelet.runtime_request_timeout,
      cgroupVersion: ctx.facts.cgroupVersion,
      localStorageCapacityIsolation: ctx.vars.kubelet.local_storage_capacity_isolation,
    });
    return [
      { name: 'kubelet dir', action: directory({ path: kubeletPki(me.name).dir }) },
      {
        name: 'kubelet binary',
        action: artifact({ src: bin.path, sha256: bin.sha256, dest: KUBELET_BIN, mode: '0755' }),
        notify: [restart],
      },
      ...pkiFileTasks(pkiFilesFor(model, ctx.stateDir, me.name, 'kubelet'), [restart]),
      ...resolvTasks(resolv, ctx.facts.resolved.active),
      { name: 'kubelet config', action: file({ path: KUBELET_CONFIG, content: config }), notify: [restart] },
      {
        name: 'unit',
        action: systemdUnit({ name: 'kubelet.service', content: renderKubeletUnit(me.name, me.address) }),
        notify: [restart],
      },
      { name: 'running', action: systemdService({ name: 'kubelet', enabled: true, state: 'started' }) },
    ];
  },
  // Definition order is run order: resolved has the new upstream before the kubelet restarts.
  handlers: [restartResolved, restart],
  health: (_ctx, { resolv }) => ({
    name: 'kubelet healthz, loop-free resolvConf',
    check: kubeletHealthCheck(resolv.path),
    retries: 30,
    delayMs: 2000,
  }),
});
