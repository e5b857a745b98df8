// Test helpers: build inventories from YAML text or TS specs with fixed user/home/cwd, and catch typed errors.

import { OrchestrateError } from '../../../src/errors.ts';
import type { ErrorCode } from '../../../src/errors.ts';
import { buildInventory } from '../../../src/inventory/build.ts';
import type { BuildOptions } from '../../../src/inventory/build.ts';
import { specToRaw } from '../../../src/inventory/spec.ts';
import type { Inventory } from '../../../src/inventory/types.ts';
import { parseYamlInventory } from '../../../src/inventory/yaml.ts';

export const FIXED: BuildOptions = { cwd: '/work/run', defaultUser: 'me', homeDir: '/home/me' };

/** An inventory from YAML text, as if loaded from /work/run/inv/test.yaml. */
export function fromYaml(text: string, opts: BuildOptions = {}): Inventory {
  return buildInventory(parseYamlInventory(text, 'inv/test.yaml'), { ...FIXED, ...opts });
}

/** An inventory from a TS spec, as if loaded from /work/run/inv/test.ts. */
export function fromSpec(spec: unknown, opts: BuildOptions = {}): Inventory {
  return buildInventory(specToRaw(spec, 'inv/test.ts'), { ...FIXED, ...opts });
}

/** The OrchestrateError thrown by fn (fails the test when fn does not throw one). */
export function caught(fn: () => unknown): OrchestrateError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OrchestrateError) return err;
    throw new Error(`expected an OrchestrateError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected an OrchestrateError, nothing was thrown');
}

/** Same for async functions. */
export async function caughtAsync(fn: () => Promise<unknown>): Promise<OrchestrateError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof OrchestrateError) return err;
    throw new Error(`expected an OrchestrateError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected an OrchestrateError, nothing was thrown');
}

/** Host names a pattern selects. */
export function names(inv: Inventory, pattern: string): string[] {
  return inv.select(pattern).map((h) => h.name);
}

/** Hosts bastion, web-1..3 (web, child canary), db-1..2 (db), prod across both, and an empty group. */
export const PATTERN_INVENTORY = `
all:
  hosts:
    bastion:
  children:
    web:
      hosts: {web-1: , web-2: , web-3: }
      children:
        canary: {hosts: {web-3: }}
    db:
      hosts: {db-1: , db-2: }
    prod:
      hosts: {web-1: , db-1: }
    empty: {}
`;

export type { ErrorCode };
