// The public API, `import { ... } from 'orchestrate'`: what playbook, role, inventory, check and extension
// authors use. Module writers add 'orchestrate/module-kit'; role tests add 'orchestrate/testing'.
// Roles, playbooks, inventories and kubernetes/ import the engine only through these three entry points.

// Definitions
export { defineHandler, definePlaybook, defineRole } from './executor/define.ts';
export type { RoleSpec } from './executor/define.ts';
export type {
  Handler,
  HealthGate,
  Play,
  Playbook,
  PrepareContext,
  Role,
  RoleContext,
  Strategy,
  Task,
} from './executor/types.ts';
export { defineInventory } from './inventory/define.ts';
export type {
  ConnectionVars,
  DefinedInventory,
  GroupSpec,
  HostSpec,
  InventorySpec,
  VarsSpec,
} from './inventory/define.ts';
export type { Group, Host, HostKeyPolicy, Inventory } from './inventory/types.ts';

// Every module's constructor and its input types
export {
  aptPackage,
  artifact,
  command,
  containerdImage,
  copy,
  directory,
  file,
  kernelModule,
  managedBlock,
  route,
  sysctl,
  systemdService,
  systemdUnit,
  template,
  unitPath,
} from './modules/index.ts';
export type {
  AptPackageInput,
  ArtifactInput,
  CommandInput,
  CopyInput,
  DirectoryInput,
  FileInput,
  KernelModuleInput,
  ManagedBlockInput,
  RouteInput,
  RouteSpec,
  SysctlInput,
  SystemdServiceGoal,
  SystemdServiceInput,
  SystemdUnitInput,
  TemplateInput,
} from './modules/index.ts';
export type { ContainerdImageInput } from './modules/containerd-image.ts';
export type { Content } from './modules/lib/content.ts';
export { sha256File } from './modules/local-sha256.ts';
export { renderUnitFile, execLine, execLines } from './modules/lib/unit-file.ts';
export type { UnitCommand, UnitDirective, UnitFileSpec } from './modules/lib/unit-file.ts';

// Errors, secrets, shell words
export { OrchestrateError, isOrchestrateError } from './errors.ts';
export type { ErrorCode } from './errors.ts';
export { Secret, secret, registerSecret } from './secret.ts';
export { sh, raw, quote } from './shell/quote.ts';

// Facts
export type { Address, Facts, ResolvConf, Route } from './facts/types.ts';
export { CAPABILITY, hasCapability } from './facts/capabilities.ts';
export { readFactsCache } from './facts/cache.ts';

// X.509 for a playbook's PKI (keys, issuing, the reissue decision, files, the manifest)
export type { CertIdentity, CertSpec, ExtKeyUsage, Issuer, KeyUsage, Subject } from './pki/types.ts';
export {
  generatePrivateKey,
  generatePrivateKeySync,
  keyBitsOf,
  keyMatchesCertificate,
  publicKeyPemOf,
} from './pki/keys.ts';
export { issueSelfSigned, issueSigned } from './pki/issue.ts';
export { desiredIdentity, identityOf } from './pki/identity.ts';
export { formatSubject, normalizeIp, specSans, splitHosts } from './pki/names.ts';
export { daysLeft, needsReissue, signedBy } from './pki/reissue.ts';
export { loadCheckMemo, saveCheckMemo } from './pki/check-memo.ts';
export {
  ensurePrivateDir,
  readPrivateFile,
  readPublicFile,
  writeFileIfChanged,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  PUBLIC_FILE_MODE,
} from './pki/pem-store.ts';
export { manifestPath, readManifest, renderManifest, writeManifest } from './pki/manifest.ts';
export type { ManifestEntry, PkiManifest } from './pki/manifest.ts';

// Doctor checks and verify smoke tests
export { defineCheck, defineDoctor, finding } from './doctor/define.ts';
export type { Check, Doctor, DoctorInput, Finding, ProbeOutput, Verdict } from './doctor/types.ts';
export { defineSmokeTest, defineVerifier, isSkip } from './verify/define.ts';
export { sectionMarker, splitSections } from './verify/sections.ts';
export type { Judged, Outcome, Skip, SmokeTest, TestResult, Verifier, VerifyInput } from './verify/types.ts';

// Extensions (package.json "orchestrate.extensions") and the lab's hook types they use
export { defineExtension } from './extension/define.ts';
export type {
  DefaultModule,
  Extension,
  ExtensionFlag,
  ExtensionFlags,
  FlagValues,
  LabCommand,
  LabCommandContext,
  LabUpExtension,
  LabUpRequest,
  Progress,
  ProgressStep,
} from './extension/types.ts';
export type { HostLayout, LabPrepareContext, LabPrepareHook, LabPrepareResult } from './lab/index.ts';
