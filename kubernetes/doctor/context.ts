// What every Kubernetes check reads: the cluster model of the inventory, the state dir, the renewal window.

import type { DoctorInput, Host } from 'orchestrate';
import { buildClusterModel, type ClusterModel } from '../cluster/index.ts';

export interface KthwDoctorContext {
  readonly model: ClusterModel;
  readonly stateDir: string;
  /** Certificates expiring within this many days are reported (as `orchestrate pki status`). */
  readonly renewWindowDays: number;
  readonly isController: (host: Host) => boolean;
  readonly isWorker: (host: Host) => boolean;
}

/** The context from the whole inventory (never the --limit subset: other hosts are still known). */
export function kthwDoctorContext(input: DoctorInput): KthwDoctorContext {
  const model = buildClusterModel(input.inventory, input.stateDir);
  const controllers = new Set(model.controllers.map((n) => n.name));
  const workers = new Set(model.workers.map((n) => n.name));
  const window = input.inventory.groups.get('all')?.vars['cert_renew_window_days'];
  return {
    model,
    stateDir: input.stateDir,
    renewWindowDays: typeof window === 'number' ? window : 30,
    isController: (h) => controllers.has(h.name),
    isWorker: (h) => workers.has(h.name),
  };
}
