// node-forge, loaded on first use: only issuing and a first look at a certificate need it, not a no-op run.

import { createRequire } from 'node:module';
import type Forge from 'node-forge';

let lib: typeof Forge | undefined;

/** The node-forge module (required once, then reused). */
export function forge(): typeof Forge {
  return (lib ??= createRequire(import.meta.url)('node-forge') as typeof Forge);
}
