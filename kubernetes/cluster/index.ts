// The cluster model's public API for role and playbook authors.

export { buildClusterModel } from './model.ts';
export { controllerOf, etcdMemberOf, workerOf } from './member.ts';
export type { ClusterModel, ClusterNode, ComponentVersions, WorkerNode } from './model-types.ts';
export {
  clusterVarsSchema,
  DEFAULT_GROUPS,
  DEFAULT_VERSIONS,
  type ClusterVars,
  type ClusterVarsInput,
} from './vars.ts';
export { podCidrStorePath } from './pod-cidr-store.ts';
export {
  corednsImage,
  DEFAULT_MINOR,
  defaultReleaseLine,
  pauseImage,
  RELEASE_LINES,
  releaseLineFor,
  type ReleaseLine,
  type ReleaseSet,
} from './release-sets.ts';
