// kube-controller-manager on every controller: binary, CA pair, service-account key, kubeconfig, unit; restarts
// go one controller at a time behind its /healthz (leader election keeps one active).

import { defineRole } from 'orchestrate';
import { buildClusterModel, controllerOf } from '../../kubernetes/cluster/index.ts';
import { CONTROLLER_MANAGER_PORT, secureHealthz } from '../../kubernetes/control-plane/health.ts';
import { componentTasks, restartHandler } from '../../kubernetes/control-plane/tasks.ts';
import { renderControllerManagerUnit } from './unit.ts';

/** The kube-controller-manager role (hosts: the controllers). */
export const kubeControllerManager = defineRole({
  name: 'kube-controller-manager',
  tags: ['kube-controller-manager', 'control-plane'],
  rolling: 1,
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    controllerOf(model, ctx.host.name, 'kube-controller-manager');
    return model;
  },
  tasks: (ctx, model) => componentTasks(ctx, model, 'kube-controller-manager', renderControllerManagerUnit(model)),
  handlers: [restartHandler('kube-controller-manager')],
  health: () => secureHealthz('kube-controller-manager', CONTROLLER_MANAGER_PORT),
});
