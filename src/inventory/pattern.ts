// Host patterns evaluated against an inventory, Ansible's way; results in inventory order.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileRegex, globToRegex, invalidPattern, parsePattern, parseTerm } from './pattern-parse.ts';
import type { PatternTerm, Subscript } from './pattern-parse.ts';
import { didYouMean } from './suggest.ts';
import type { Host, Inventory } from './types.ts';

/**
 * Hosts matching an Ansible pattern (`all`, `web:&prod:!web-3`, `worker-*`, `~re`, `@retry`), in
 * inventory order. Unions apply first, then intersections, then exclusions; a pattern of only
 * `&`/`!` terms starts from all. A name, glob or regex that matches nothing known is PATTERN_INVALID
 * (a typo must not silently select nothing); an existing empty group is fine. `@file` is relative to cwd.
 */
export function selectHosts(inventory: Inventory, pattern: string, cwd: string = process.cwd()): Host[] {
  const terms = parsePattern(pattern);
  const hosts = [...inventory.hosts.values()];
  let selected: Set<string> = terms[0]!.op === 'union' ? new Set() : new Set(hosts.map((h) => h.name));
  for (const term of terms) {
    const matched = matchTerm(inventory, term, pattern, cwd);
    if (term.op === 'union') for (const h of matched) selected.add(h);
    else if (term.op === 'intersect') {
      const keep = new Set(matched);
      selected = new Set([...selected].filter((h) => keep.has(h)));
    } else for (const h of matched) selected.delete(h);
  }
  return hosts.filter((h) => selected.has(h.name));
}

/** Names a single term selects, in inventory order, subscript applied. */
function matchTerm(inv: Inventory, term: PatternTerm, pattern: string, cwd: string): string[] {
  const names = [...inv.hosts.keys()];
  let matched: string[];
  switch (term.kind) {
    case 'all':
      matched = names;
      break;
    case 'file':
      matched = fromFile(inv, term.text, pattern, cwd);
      break;
    case 'name':
      if (inv.hosts.has(term.text)) matched = [term.text];
      else if (inv.groups.has(term.text)) matched = membersOf(inv, [term.text]);
      else
        throw invalidPattern(
          pattern,
          `no host or group is named ${JSON.stringify(term.text)}${didYouMean(term.text, [...inv.groups.keys(), ...names])}`,
          knownFix(inv),
        );
      break;
    case 'glob':
    case 'regex': {
      const re = term.kind === 'glob' ? globToRegex(term.text) : compileRegex(term.text, pattern);
      const groups = [...inv.groups.keys()].filter((g) => re.test(g));
      const direct = new Set(names.filter((h) => re.test(h)));
      if (groups.length === 0 && direct.size === 0)
        throw invalidPattern(pattern, `${term.written} matches no host or group`, knownFix(inv));
      const viaGroups = new Set(membersOf(inv, groups));
      matched = names.filter((h) => direct.has(h) || viaGroups.has(h));
      break;
    }
  }
  return term.subscript ? applySubscript(matched, term.subscript, term.written, pattern) : matched;
}

/** Hosts of any of the groups, through children too (Host.groups holds every ancestor). */
function membersOf(inv: Inventory, groups: readonly string[]): string[] {
  if (groups.includes('all')) return [...inv.hosts.keys()];
  return [...inv.hosts.values()].filter((h) => groups.some((g) => h.groups.includes(g))).map((h) => h.name);
}

/** `@file`: one host (or name/glob) a line, `#` starts a comment; the retry file of failed hosts. */
function fromFile(inv: Inventory, path: string, pattern: string, cwd: string): string[] {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    throw invalidPattern(
      pattern,
      `cannot read @${path} (${full}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'give an existing file with one host a line, e.g. @.orchestrate/runs/last-failed',
      err,
    );
  }
  const out = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const name = line.replace(/#.*$/, '').trim();
    if (name === '') return;
    const where = `@${path} line ${i + 1}`;
    const term = parseTerm(name, pattern);
    if (term.op !== 'union' || term.kind === 'file')
      throw invalidPattern(
        pattern,
        `${where}: ${JSON.stringify(name)} is not a host name`,
        'write one host (or group, or glob) a line, without operators',
      );
    try {
      for (const h of matchTerm(inv, term, pattern, cwd)) out.add(h);
    } catch (err) {
      throw invalidPattern(
        pattern,
        `${where}: ${(err as Error).message.replace(/^host pattern "[^\n]*?": /, '')}`,
        'remove the line or fix the name (the inventory may have changed since the file was written)',
        err,
      );
    }
  });
  return [...inv.hosts.keys()].filter((h) => out.has(h));
}

/** Ansible subscripts: `[i]` one host (negative from the end), `[i:j]` inclusive, `[i:]` to the end. */
function applySubscript(hosts: string[], sub: Subscript, written: string, pattern: string): string[] {
  if ('index' in sub) {
    const host = hosts.at(sub.index);
    if (host === undefined)
      throw invalidPattern(
        pattern,
        `${written}: index ${sub.index} is out of range (${hosts.length} hosts)`,
        `use an index from 0 to ${hosts.length - 1}, or -1 for the last`,
      );
    return [host];
  }
  return hosts.slice(sub.start, sub.end === undefined ? undefined : sub.end + 1);
}

function knownFix(inv: Inventory): string {
  const groups = [...inv.groups.keys()];
  const shown = groups.slice(0, 12).join(', ') + (groups.length > 12 ? ', ...' : '');
  return `known groups: ${shown}; see them all with 'orchestrate inventory --graph'`;
}
