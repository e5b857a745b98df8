// kube-apiserver on every controller: binary, PKI and encryption config, unit; a change restarts one controller
// at a time behind /readyz (rolling), so the API stays up while a reissued certificate rolls out.

import { defineRole } from '../../src/executor/define.ts';
import { buildClusterModel } from '../cluster/index.ts';
import { apiserverReadyz } from '../control-plane/health.ts';
import { componentTasks, controllerOf, restartHandler } from '../control-plane/tasks.ts';
import { renderApiserverUnit } from './unit.ts';

/** The kube-apiserver role (hosts: the controllers). */
export const kubeApiserver = defineRole({
  name: 'kube-apiserver',
  tags: ['kube-apiserver', 'control-plane'],
  rolling: 1,
  tasks: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    const me = controllerOf(model, ctx.host.name, 'kube-apiserver');
    return componentTasks(ctx, model, 'kube-apiserver', renderApiserverUnit(model, me));
  },
  handlers: [restartHandler('kube-apiserver')],
  health: () => apiserverReadyz(),
});
