// Pure-ish: which hosts and roles each play runs under --limit and --role; vars validated up front.

import type { Host, Inventory } from '../inventory/types.ts';
import type { Play, Playbook, Role } from './types.ts';
import { OrchestrateError } from '../errors.ts';

export interface ResolvedPlay {
  readonly play: Play;
  /** Hosts the play runs on (its pattern, narrowed by --limit). */
  readonly hosts: readonly Host[];
  /** Every host of the play's pattern, limit or not: knowledge is never narrowed. */
  readonly allHosts: readonly Host[];
  readonly roles: readonly Role[];
}

/** Resolves plays; throws OPTIONS_INVALID / PATTERN_INVALID / VARS_INVALID before any connection. */
export function resolvePlays(
  inv: Inventory,
  book: Playbook,
  limit: string | undefined,
  roles: readonly string[] | undefined,
): ResolvedPlay[] {
  const known = new Set(book.plays.flatMap((p) => p.roles.map((r) => r.name)));
  const unknown = (roles ?? []).filter((r) => !known.has(r));
  if (unknown.length > 0)
    throw new OrchestrateError(
      'OPTIONS_INVALID',
      `--role ${unknown.join(',')}: no such role in playbook ${book.name}`,
      {
        fix: `use one of: ${[...known].join(', ')}`,
      },
    );
  const limited = limit === undefined ? undefined : new Set(inv.select(limit).map((h) => h.name));
  const plays = book.plays
    .map((play) => {
      const allHosts = inv.select(play.hosts);
      const hosts = limited ? allHosts.filter((h) => limited.has(h.name)) : allHosts;
      const kept = roles ? play.roles.filter((r) => roles.includes(r.name)) : play.roles;
      return { play, hosts, allHosts, roles: kept };
    })
    .filter((p) => p.roles.length > 0);
  if (plays.every((p) => p.hosts.length === 0))
    throw new OrchestrateError(
      'PATTERN_INVALID',
      `--limit ${limit ?? '(none)'} selects no host that the playbook targets`,
      {
        fix: `the plays target: ${book.plays.map((p) => p.hosts).join('; ')}; check the pattern with 'orchestrate inventory -l PATTERN'`,
      },
    );
  validateVars(plays, inv.source);
  return plays;
}

/** Every role's vars schema against every host it will run on; all problems reported at once. */
function validateVars(plays: readonly ResolvedPlay[], source: string): void {
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
