// The inventory's public API, for the CLI and the executor.

export { defineInventory } from './define.ts';
export type { ConnectionVars, DefinedInventory, GroupSpec, HostSpec, InventorySpec, VarsSpec } from './define.ts';
export { parseExtraVars } from './extra-vars.ts';
export type { ExtraVarsOptions } from './extra-vars.ts';
export { inventoryJson, renderGraph } from './graph.ts';
export type { HostView, InventoryView } from './graph.ts';
export { loadInventory } from './load.ts';
export type { LoadOptions } from './load.ts';
export { buildInventory } from './build.ts';
export type { BuildOptions } from './build.ts';
export { selectHosts } from './pattern.ts';
export type { Group, Host, HostKeyPolicy, Inventory } from './types.ts';
