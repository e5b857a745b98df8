// --limit against the inventory, checked up front so a bad pattern is reported as the flag it came from.

import { isOrchestrateError, OrchestrateError } from '../errors.ts';
import type { Host, Inventory } from '../inventory/types.ts';

/** The hosts --limit selects (all when absent); a bad pattern is PATTERN_INVALID naming --limit and the inventory. */
export function selectLimit(inventory: Inventory, limit: string | undefined): Host[] {
  if (limit === undefined) return inventory.select('all');
  try {
    return inventory.select(limit);
  } catch (err) {
    if (!isOrchestrateError(err, 'PATTERN_INVALID')) throw err;
    throw new OrchestrateError('PATTERN_INVALID', `--limit: ${err.message} (inventory ${inventory.source})`, {
      fix: `${err.fix ?? 'fix the pattern'}; see what a pattern selects with: orchestrate inventory -i ${inventory.source} --graph -l PATTERN`,
      cause: err,
    });
  }
}
