// Every role's vars schema against the hosts it will run on, before any connection.

import type { ResolvedPlay } from './resolve-targets.ts';
import { OrchestrateError } from '../errors.ts';

/** Every role's vars schema against every host it will run on; all problems reported at once (VARS_INVALID). */
export function validateVars(plays: readonly ResolvedPlay[], source: string): void {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of plays)
    for (const role of p.roles) {
      if (!role.vars) continue;
      for (const h of p.hosts) {
        const r = role.vars.safeParse(h.vars);
        if (!r.success)
          for (const issue of r.error.issues) {
            const origin = h.varOrigins?.[String(issue.path[0])];
            names.add(String(issue.path[0] ?? '(root)'));
            problems.push(
              `host ${h.name}, role ${role.name}: var ${issue.path.join('.') || '(root)'}${origin ? ` (set in ${origin})` : ''}: ${issue.message}`,
            );
          }
      }
    }
  if (problems.length > 0)
    throw new OrchestrateError(
      'VARS_INVALID',
      `invalid vars (inventory ${source}):\n  ${problems.slice(0, 20).join('\n  ')}`,
      {
        fix: `give ${[...names].join(', ')} the type the role's vars schema declares, where it is set (the inventory, or -e)`,
      },
    );
}
