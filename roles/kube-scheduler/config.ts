// The scheduler's KubeSchedulerConfiguration (v1: v1beta1 is gone since 1.23) and its flags (docs/kthw.md#scheduler).

import { stringify } from 'yaml';
import type { KubeSchedulerFlags } from '../../kubernetes/flags/index.ts';
import { CONTROL_PLANE_PKI } from '../../kubernetes/pki/index.ts';

/** Where the config file goes (KTHW's path). */
export const SCHEDULER_CONFIG = '/etc/kubernetes/config/kube-scheduler.yaml';

/** Pure: the config file: its kubeconfig, leader election on (three schedulers, one active). */
export function renderSchedulerConfig(): string {
  return stringify({
    apiVersion: 'kubescheduler.config.k8s.io/v1',
    kind: 'KubeSchedulerConfiguration',
    clientConnection: { kubeconfig: CONTROL_PLANE_PKI.schedulerKubeconfig },
    leaderElection: { leaderElect: true },
  });
}

/** Pure: the flags: everything else is in the config file (its flag twins are deprecated and ignored with it). */
export function schedulerFlags(): KubeSchedulerFlags {
  return { config: SCHEDULER_CONFIG, v: 2 };
}
