// Extensions: what a domain (e.g. the Kubernetes libraries) adds to the generic CLI, declared in package.json.

import type { Extension } from './types.ts';

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
export { loadExtensions, extensionPaths, PACKAGE_JSON } from './load.ts';

/** A typed extension (the default export of an extension module). */
export function defineExtension(extension: Extension): Extension {
  return extension;
}
