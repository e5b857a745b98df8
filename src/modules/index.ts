// Every module's constructor: the engine's own index of src/modules (roles import them from 'orchestrate').

export { file, fileModule } from './file.ts';
export type { FileInput, FileParams, FileState } from './file.ts';
export { directory, directoryModule } from './directory.ts';
export type { DirectoryInput, DirectoryParams } from './directory.ts';
export { copy, copyModule } from './copy.ts';
export type { CopyInput } from './copy.ts';
export { template, templateModule } from './template.ts';
export type { TemplateInput } from './template.ts';
export { systemdUnit, systemdUnitModule, unitPath } from './systemd-unit.ts';
export type { SystemdUnitInput, SystemdUnitParams } from './systemd-unit.ts';
export { systemdService, systemdServiceModule } from './systemd-service.ts';
export type {
  SystemdServiceGoal,
  SystemdServiceInput,
  SystemdServiceParams,
  SystemdServiceState,
} from './systemd-service.ts';
export { sysctl, sysctlModule } from './sysctl.ts';
export type { SysctlInput, SysctlParams, SysctlState } from './sysctl.ts';
export { kernelModule, kernelModuleModule } from './kernel-module.ts';
export type { KernelModuleInput, KernelModuleParams, KernelModuleState } from './kernel-module.ts';
export { aptPackage, aptPackageModule } from './apt-package.ts';
export type { AptPackageInput, AptPackageParams, AptPackageState } from './apt-package.ts';
export { command, commandModule } from './command.ts';
export type { CommandInput, CommandParams, CommandState } from './command.ts';
export { managedBlock, managedBlockModule } from './managed-block.ts';
export type { ManagedBlockInput, ManagedBlockParams } from './managed-block.ts';
export { route, routeModule } from './route.ts';
export type { RouteInput, RouteParams, RouteSpec, RouteState } from './route.ts';
export { artifact, artifactModule } from './artifact.ts';
export type { ArtifactInput, ArtifactParams } from './artifact.ts';
export { containerdImage, containerdImageModule } from './containerd-image.ts';
export { sha256File } from './local-sha256.ts';
export { PlanConflict } from './lib/steps.ts';
export type { FileStat } from './lib/stat.ts';
export type { Content } from './lib/content.ts';
