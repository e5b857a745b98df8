// Talking to the Kubernetes API from roles: server-side apply of typed objects, the admin client, rollouts.

export { kubeApply, kubeApplyModule, FIELD_MANAGER } from './apply-module.ts';
export type { KubeApplyParams, KubeApplyState } from './apply-module.ts';
export { ADMIN_CLIENT, adminClientFiles, clientPemsOf } from './api-client.ts';
export type { ApiClient } from './api-client.ts';
export { APPLIED_HASH, canonicalJson, withAppliedHash } from './applied-hash.ts';
export { objectRef } from './objects.ts';
export type { KubeObject, ObjectRef } from './objects.ts';
export { rolloutCheck } from './rollout.ts';
export { firstController } from './first-controller.ts';
export { adminClientTasks } from './admin-tasks.ts';
