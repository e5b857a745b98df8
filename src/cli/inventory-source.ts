// Which inventory a command uses: -i, else $ORCHESTRATE_INVENTORY (set by `orchestrate lab exec`).

import { loadInventory } from '../inventory/load.ts';
import type { Inventory } from '../inventory/types.ts';
import { parseExtraVars } from '../inventory/extra-vars.ts';
import { OrchestrateError } from '../errors.ts';

/** Loads the inventory with -e vars applied; OPTIONS_INVALID when none is given. */
export async function loadInventoryFor(
  flag: string | undefined,
  extraVarArgs: readonly string[],
  _acceptNew = false,
): Promise<{ inventory: Inventory; path: string }> {
  const path = flag ?? process.env['ORCHESTRATE_INVENTORY'];
  if (!path)
    throw new OrchestrateError('OPTIONS_INVALID', 'no inventory given: no -i, and $ORCHESTRATE_INVENTORY is not set', {
      fix: 'pass -i inventory/x.ts (or .yaml), or run inside the lab: orchestrate lab exec -- orchestrate ...',
    });
  const extraVars = await parseExtraVars(extraVarArgs);
  return { inventory: await loadInventory(path, { extraVars }), path };
}
