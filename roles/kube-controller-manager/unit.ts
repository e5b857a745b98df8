// The kube-controller-manager unit.

import type { ClusterModel } from '../../kubernetes/cluster/model-types.ts';
import { renderFlags } from '../../kubernetes/flags/render-flags.ts';
import { BIN_DIR, renderComponentUnit } from '../../kubernetes/control-plane/unit.ts';
import { controllerManagerFlags } from './flags.ts';

/** Pure: the unit file of the controller manager. */
export function renderControllerManagerUnit(model: ClusterModel): string {
  return renderComponentUnit({
    description: 'Kubernetes Controller Manager',
    binary: `${BIN_DIR}/kube-controller-manager`,
    args: renderFlags(controllerManagerFlags(model)),
  });
}
