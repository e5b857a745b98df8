// Which hosts and roles each play runs under --limit and --role: one answer for the check before connecting
// and for the run, so the hosts checked are the hosts connected to. Pure but for a `@file` limit pattern.

import { isOrchestrateError, OrchestrateError } from '../errors.ts';
import type { Host, Inventory } from '../inventory/types.ts';
import { didYouMean } from '../inventory/suggest.ts';
import type { Play, Playbook, Role } from './types.ts';

export interface TargetSelection {
  /** --limit: a host pattern; undefined selects every host. */
  readonly limit: string | undefined;
  /** --role: only these roles run; undefined runs every role. */
  readonly roles: readonly string[] | undefined;
}

export interface ResolvedPlay {
  readonly play: Play;
  /** Hosts the play runs on (its pattern, narrowed by --limit). */
  readonly hosts: readonly Host[];
  /** Every host of the play's pattern, limit or not: knowledge is never narrowed. */
  readonly allHosts: readonly Host[];
  readonly roles: readonly Role[];
}

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

/**
 * The plays that run, each with its hosts and the roles --role keeps (plays left with no role are dropped).
 * Throws in this order: a bad --limit (PATTERN_INVALID), a play's bad hosts pattern (PLAYBOOK_INVALID), an
 * unknown --role (OPTIONS_INVALID), nothing left to run on (PATTERN_INVALID). `label` names the playbook in
 * messages (the CLI passes its path).
 */
export function resolveTargets(
  inv: Inventory,
  book: Playbook,
  sel: TargetSelection,
  label: string = book.name,
): ResolvedPlay[] {
  const limited = new Set(selectLimit(inv, sel.limit).map((h) => h.name));
  const playHosts = book.plays.map((play) => selectPlayHosts(play, inv, label));
  checkRoles(book, sel.roles, label);
  const plays = book.plays
    .map((play, i) => {
      const allHosts = playHosts[i]!;
      const hosts = allHosts.filter((h) => limited.has(h.name));
      const roles = sel.roles ? play.roles.filter((r) => sel.roles!.includes(r.name)) : play.roles;
      return { play, hosts, allHosts, roles };
    })
    .filter((p) => p.roles.length > 0);
  if (plays.every((p) => p.hosts.length === 0))
    throw new OrchestrateError(
      'PATTERN_INVALID',
      `--limit ${sel.limit ?? '(none)'} selects no host that the playbook targets`,
      {
        fix: `the plays target: ${book.plays.map((p) => p.hosts).join('; ')}; check the pattern with 'orchestrate inventory -l PATTERN'`,
      },
    );
  return plays;
}

/** Every host some play runs on, once, in the order first met. */
export function targetHosts(plays: readonly ResolvedPlay[]): Host[] {
  return [...new Map(plays.flatMap((p) => p.hosts).map((h) => [h.name, h])).values()];
}

function selectPlayHosts(play: Play, inv: Inventory, label: string): Host[] {
  const where = `${label}: play ${JSON.stringify(play.name)}`;
  if (play.hosts.trim() === '')
    throw new OrchestrateError('PLAYBOOK_INVALID', `${where}: hosts is empty`, {
      fix: `set the play's hosts to a group or pattern of ${inv.source}, e.g. hosts: 'all'`,
    });
  try {
    return inv.select(play.hosts);
  } catch (err) {
    if (!isOrchestrateError(err, 'PATTERN_INVALID')) throw err;
    // The playbook, not the command line, is what needs fixing: a playbook error.
    throw new OrchestrateError('PLAYBOOK_INVALID', `${where}: hosts: ${err.message} in inventory ${inv.source}`, {
      fix: `add the group to the inventory, or change the play's hosts (${err.fix ?? 'fix the pattern'})`,
      cause: err,
    });
  }
}

function checkRoles(book: Playbook, roles: readonly string[] | undefined, label: string): void {
  const known = [...new Set(book.plays.flatMap((p) => p.roles.map((r) => r.name)))];
  const unknown = (roles ?? []).find((name) => !known.includes(name));
  if (unknown !== undefined)
    throw new OrchestrateError(
      'OPTIONS_INVALID',
      `--role ${unknown}: playbook ${label} has no role ${unknown}${didYouMean(unknown, known)}`,
      { fix: `use one of: ${known.join(', ')}` },
    );
}
