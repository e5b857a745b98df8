// Cluster-wide objects are applied once, from one controller: the model's first (Ansible's run_once).

import type { ClusterModel } from '../cluster/model-types.ts';

/** The controller that applies cluster objects: the first of the model, whatever --limit says. */
export function firstController(model: ClusterModel): string {
  return model.controllers[0]!.name;
}
