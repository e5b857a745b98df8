// Everything a run can be refused for without a host: --limit, the plays' hosts, --role, the tags, local SSH files.

import type { ApplyArgs } from './args.ts';
import { checkTags } from './check-tags.ts';
import { checkSshFiles } from './check-ssh-files.ts';
import { resolveTargets, targetHosts } from '../executor/resolve-targets.ts';
import type { Playbook } from '../executor/types.ts';
import type { Inventory } from '../inventory/types.ts';

/** Throws the typed error of the first problem; the hosts checked are those the run would connect to. */
export function checkBeforeConnecting(args: ApplyArgs, inventory: Inventory, playbook: Playbook): void {
  // The executor resolves with the same function: the hosts whose SSH files are checked are the ones it connects to.
  const plays = resolveTargets(inventory, playbook, { limit: args.limit, roles: args.roles }, args.playbook);
  checkTags(playbook, args.playbook, args);
  checkSshFiles(inventory, targetHosts(plays), args.acceptNewHostKeys);
}
