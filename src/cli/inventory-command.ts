// `orchestrate inventory [--graph] [-l PATTERN]`: what a pattern selects, with resolved vars.

import { loadInventoryFor } from './inventory-source.ts';
import { selectLimit } from '../executor/resolve-targets.ts';
import { renderGraph, inventoryJson } from '../inventory/graph.ts';
import type { Io } from './reporters.ts';
import { EXIT } from './exit-codes.ts';
import { mask } from '../secret.ts';

/** Prints the graph or the JSON view of the selected hosts. */
export async function inventoryCommand(
  cmd: { inventory: string | undefined; limit: string | undefined; graph: boolean; extraVars: string[] },
  io: Io,
): Promise<number> {
  const { inventory } = await loadInventoryFor(cmd.inventory, cmd.extraVars);
  if (cmd.limit !== undefined) selectLimit(inventory, cmd.limit); // a bad pattern is reported as --limit
  const text = cmd.graph
    ? renderGraph(inventory, cmd.limit)
    : JSON.stringify(inventoryJson(inventory, cmd.limit), null, 2);
  io.stdout.write(mask(text) + '\n');
  return EXIT.ok;
}
