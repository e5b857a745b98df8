// Everything a run can be refused for without a host: --limit, the playbook's references, local SSH files.

import type { ApplyArgs } from './args.ts';
import { checkPlaybookRefs } from './check-playbook-refs.ts';
import { checkSshFiles } from './check-ssh-files.ts';
import { selectLimit } from './select-limit.ts';
import type { Playbook } from '../executor/types.ts';
import type { Host, Inventory } from '../inventory/types.ts';

/** Throws the typed error of the first problem; the hosts checked are those the run would connect to. */
export function checkBeforeConnecting(args: ApplyArgs, inventory: Inventory, playbook: Playbook): void {
  const limited = new Set(selectLimit(inventory, args.limit).map((h) => h.name));
  checkPlaybookRefs(playbook, args.playbook, inventory, args);
  const targets = new Map<string, Host>();
  for (const play of playbook.plays) {
    if (args.roles && !play.roles.some((r) => args.roles!.includes(r.name))) continue;
    for (const h of inventory.select(play.hosts)) if (limited.has(h.name)) targets.set(h.name, h);
  }
  checkSshFiles(inventory, [...targets.values()], args.acceptNewHostKeys);
}
