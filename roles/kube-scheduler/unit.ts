// The kube-scheduler unit.

import { renderFlags } from '../../kubernetes/flags/render-flags.ts';
import { BIN_DIR, renderComponentUnit } from '../../kubernetes/control-plane/unit.ts';
import { schedulerFlags } from './config.ts';

/** Pure: the unit file of the scheduler. */
export function renderSchedulerUnit(): string {
  return renderComponentUnit({
    description: 'Kubernetes Scheduler',
    binary: `${BIN_DIR}/kube-scheduler`,
    args: renderFlags(schedulerFlags()),
  });
}
