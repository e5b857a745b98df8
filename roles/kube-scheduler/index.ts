// kube-scheduler on every controller: binary, kubeconfig, KubeSchedulerConfiguration, unit; restarts go one
// controller at a time behind its /healthz (leader election keeps one active).

import { defineRole } from 'orchestrate';
import { buildClusterModel, controllerOf } from '../../kubernetes/cluster/index.ts';
import { SCHEDULER_PORT, secureHealthz } from '../../kubernetes/control-plane/health.ts';
import { componentTasks, restartHandler } from '../../kubernetes/control-plane/tasks.ts';
import { renderSchedulerConfig, SCHEDULER_CONFIG } from './config.ts';
import { renderSchedulerUnit } from './unit.ts';

/** The kube-scheduler role (hosts: the controllers). */
export const kubeScheduler = defineRole({
  name: 'kube-scheduler',
  tags: ['kube-scheduler', 'control-plane'],
  rolling: 1,
  context: (ctx) => {
    const model = buildClusterModel(ctx.inventory, ctx.stateDir);
    controllerOf(model, ctx.host.name, 'kube-scheduler');
    return model;
  },
  tasks: (ctx, model) => {
    const config = { path: SCHEDULER_CONFIG, content: renderSchedulerConfig(), mode: '0644' } as const;
    return componentTasks(ctx, model, 'kube-scheduler', renderSchedulerUnit(), [config]);
  },
  handlers: [restartHandler('kube-scheduler')],
  health: () => secureHealthz('kube-scheduler', SCHEDULER_PORT),
});
