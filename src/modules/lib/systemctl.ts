// systemctl queries shared by probes: a missing unit or a host without a running systemd is a state.

import { sh, raw } from '../../shell/quote.ts';

/** `${v%%<newline>*}`: the first line of $v, cut by the shell rather than by a `head` process. */
const FIRST_LINE = (v: string): string => `\${${v}%%\n*}`;

/** Prints `KEY=<is-enabled word>`; 'not-found' when systemctl prints nothing (unit missing). */
export function isEnabledProbe(unit: string, key: string): string {
  return sh`e=$(systemctl is-enabled ${unit} 2>/dev/null); e=${raw(FIRST_LINE('e'))}; echo "${raw(key)}=\${e:-not-found}"`;
}

/** Prints `KEY=<is-active word>`; 'inactive' when systemctl prints nothing. */
export function isActiveProbe(unit: string, key: string): string {
  return sh`a=$(systemctl is-active ${unit} 2>/dev/null); a=${raw(FIRST_LINE('a'))}; echo "${raw(key)}=\${a:-inactive}"`;
}
