// systemctl queries shared by probes: a missing unit or a host without a running systemd is a state.
// One shared read asks for every unit of a probe script at once (two systemctl processes, not two per unit).

import { sh } from '../../shell/quote.ts';
import { readLine, type SharedRead } from '../shared-read.ts';

/**
 * `systemctl is-enabled` and `is-active` of many units, each asked for all units at once. is-active
 * prints one line per unit. is-enabled prints "not-found" for a missing unit since systemd 253; before,
 * it stops there: the lines it printed answer the units before it, that unit is asked alone, and the
 * rest are asked together again. Anything else (more lines than units) is asked unit by unit.
 */
export const UNITS_READ: SharedRead = {
  id: 'systemd.units',
  script: (units) =>
    [
      "NL='\n'",
      // n = the number of lines in $1 (builtins only).
      'lines() { n=0; r=$1; while [ -n "$r" ]; do n=$((n+1)); case $r in *$NL*) r=${r#*$NL} ;; *) r= ;; esac; done; }',
      'one() { o=$(systemctl "$q" -- "$1" 2>/dev/null); o=${o%%$NL*}; echo "$o"; }',
      'for q in is-enabled is-active; do',
      '  echo "Q $q"',
      sh`  set -- ${units}`,
      '  while [ $# -gt 0 ]; do',
      '    o=$(systemctl "$q" -- "$@" 2>/dev/null); lines "$o"',
      '    if [ "$n" -eq $# ]; then printf \'%s\\n\' "$o"; break; fi',
      '    if [ "$q" = is-active ] || [ "$n" -gt $# ]; then for u in "$@"; do one "$u"; done; break; fi',
      '    [ "$n" -eq 0 ] || printf \'%s\\n\' "$o"',
      '    shift "$n"; one "$1"; shift',
      '  done',
      'done',
    ].join('\n'),
  split(stdout, units) {
    const answers = new Map<string, string[]>();
    let q: string[] | undefined;
    for (const line of stdout.split('\n')) {
      if (line.startsWith('Q ')) answers.set(line.slice(2), (q = []));
      else q?.push(line);
    }
    const enabled = answers.get('is-enabled') ?? [];
    const active = answers.get('is-active') ?? [];
    // systemctl prints nothing for a unit it cannot find: not-found / inactive, as the words systemd uses.
    return units.map((_, i) => `enabled=${enabled[i] || 'not-found'}\nactive=${active[i] || 'inactive'}`);
  },
};

/** Probe lines `<prefix>enabled=<is-enabled word>` and `<prefix>active=<is-active word>` of one unit. */
export function unitStateProbe(unit: string, prefix = ''): string {
  return readLine(UNITS_READ, unit, prefix);
}
