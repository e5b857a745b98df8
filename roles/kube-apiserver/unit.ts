// The kube-apiserver unit of one controller.

import type { ClusterModel, ClusterNode } from '../../kubernetes/cluster/model-types.ts';
import { renderFlags } from '../../kubernetes/flags/render-flags.ts';
import { BIN_DIR, renderComponentUnit } from '../../kubernetes/control-plane/unit.ts';
import { apiserverFlags } from './flags.ts';

/** Pure: the unit file of the apiserver on controller `me`. */
export function renderApiserverUnit(model: ClusterModel, me: ClusterNode): string {
  return renderComponentUnit({
    description: 'Kubernetes API Server',
    binary: `${BIN_DIR}/kube-apiserver`,
    args: renderFlags(apiserverFlags(model, me)),
  });
}
