// defineExtension: an identity function that gives editors and tsc the full types.

import type { Extension } from './types.ts';

/** A typed extension (the default export of a module package.json's "orchestrate.extensions" lists). */
export function defineExtension(extension: Extension): Extension {
  return extension;
}
