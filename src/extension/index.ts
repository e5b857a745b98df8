// Extensions: what a domain (e.g. the Kubernetes libraries) adds to the generic CLI, declared in package.json.

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
} from './types.ts';
export { defineExtension } from './define.ts';
export { loadExtensions, extensionPaths, PACKAGE_JSON } from './load.ts';
