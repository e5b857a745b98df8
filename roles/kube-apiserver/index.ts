// kube-apiserver on every controller: binary, PKI and encryption config, unit; a change restarts one controller
// at a time behind /readyz (rolling), so the API stays up while a reissued certificate rolls out.

import { defineRole, artifact } from 'orchestrate';
import { artifactOptions, resolveArtifactSync } from '../../kubernetes/artifacts/index.ts';
import { buildClusterModel, controllerOf } from '../../kubernetes/cluster/index.ts';
import { apiserverReadyz } from '../../kubernetes/control-plane/health.ts';
import { componentTasks, restartHandler } from '../../kubernetes/control-plane/tasks.ts';
import { renderApiserverUnit } from './unit.ts';

/** Where the controllers' kubectl goes (on PATH for every login). */
export const KUBECTL_BIN = '/usr/local/bin/kubectl';

/** The kube-apiserver role (hosts: the controllers). */
export const kubeApiserver = defineRole({
  name: 'kube-apiserver',
  tags: ['kube-apiserver', 'control-plane'],
  rolling: 1,
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    return { model, me: controllerOf(model, ctx.host.name, 'kube-apiserver') };
  },
  tasks: (ctx, { model, me }) => {
    const kubectl = resolveArtifactSync('kubectl', model.versions.kubernetes, ctx.facts.arch, artifactOptions(ctx));
    return [
      ...componentTasks(ctx, model, 'kube-apiserver', renderApiserverUnit(model, me)),
      // The operator's client beside the admin kubeconfig: exec, logs and port-forward need a real kubectl.
      {
        name: 'kubectl binary',
        action: artifact({ src: kubectl.path, sha256: kubectl.sha256, dest: KUBECTL_BIN, mode: '0755' }),
      },
    ];
  },
  handlers: [restartHandler('kube-apiserver')],
  health: () => apiserverReadyz(),
});
