// The lab's programmatic API, for `orchestrate lab` and the e2e tests.

export { ensureBase, type Base } from './base-build.ts';
export {
  labUp,
  type LabPrepareContext,
  type LabPrepareHook,
  type LabPrepareResult,
  type LabUpOptions,
  type LabUpResult,
} from './lab-up.ts';
export { labDown, type LabDownResult } from './lab-down.ts';
export { labInfo, labStatus, type HostStatus, type LabInfo } from './lab-status.ts';
export { labExecArgs, labExecInherit, labRun } from './lab-exec.ts';
export { labSshRun, startHost, stopHost, waitReady } from './host-control.ts';
export { planHosts, type HostLayout, type LabHost } from './host-plan.ts';
export { labPaths } from './paths.ts';
export { sshArgv, sshClientArgv } from './ssh.ts';
export { checkBinds, parseBindSpec } from './binds.ts';
export type { LabBind } from './launcher.ts';
export { currentMountsUnder } from './mounts.ts';
export type { RunResult } from './proc.ts';
