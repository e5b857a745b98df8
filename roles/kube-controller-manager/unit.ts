// The kube-controller-manager unit.

import type { ClusterModel } from '../cluster/model-types.ts';
import { renderFlags } from '../control-plane/render-flags.ts';
import { BIN_DIR, renderComponentUnit } from '../control-plane/unit.ts';
import { controllerManagerFlags } from './flags.ts';

/** Pure: the unit file of the controller manager. */
export function renderControllerManagerUnit(model: ClusterModel): string {
  return renderComponentUnit({
    description: 'Kubernetes Controller Manager',
    binary: `${BIN_DIR}/kube-controller-manager`,
    args: renderFlags(controllerManagerFlags(model)),
  });
}
