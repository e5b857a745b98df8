// Persistent routes: one line per route in /etc/orchestrate/routes.d/NAME, replayed at boot by one unit.

import type { RunStep } from '../types.ts';
import { sh } from '../../shell/quote.ts';
import { MANAGED_HEADER, badParam, checkName } from './params.ts';
import { runStep } from './steps.ts';
import { execLine, renderUnitFile } from './unit-file.ts';

export const ROUTES_DIR = '/etc/orchestrate/routes.d';
export const ROUTES_UNIT = 'orchestrate-routes.service';

export interface RouteSpec {
  /** 'default' or a CIDR ('10.200.1.0/24'). */
  readonly dst: string;
  readonly via: string;
  readonly dev: string | undefined;
}

/** The `ip route replace` arguments after the destination. */
export function routeArgs(r: RouteSpec): string[] {
  return ['via', r.via, ...(r.dev === undefined ? [] : ['dev', r.dev])];
}

/** The routes file: a header, then `DST via GW [dev DEV]` lines. */
export function routesFileContent(routes: readonly RouteSpec[]): string {
  return [MANAGED_HEADER, ...routes.map((r) => [r.dst, ...routeArgs(r)].join(' '))].join('\n') + '\n';
}

/** Destinations listed in a routes file as the host has it (for deleting routes no longer wanted). */
export function routesFileDsts(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((d) => d !== '' && !d.startsWith('#'));
}

/** The replay script: every `DST ARGS...` line of every routes file, `ip route replace`d; comments skipped. */
const REPLAY_SCRIPT =
  `rc=0; for f in ${ROUTES_DIR}/*; do [ -f "$f" ] || continue; ` +
  `while read -r dst rest; do case "$dst" in ""|"#"*) continue;; esac; ` +
  `ip route replace "$dst" $rest || rc=1; done < "$f"; done; exit $rc`;

/**
 * The one generic unit: replays every routes file at boot, after the network is up. Chosen over
 * networkd drop-ins or ifupdown hooks because it works whatever manages the interfaces.
 */
export const ROUTES_UNIT_CONTENT = renderUnitFile({
  header: MANAGED_HEADER,
  unit: [
    ['Description', `Static routes from ${ROUTES_DIR} (orchestrate)`],
    ['Wants', 'network-online.target'],
    ['After', 'network-online.target'],
  ],
  service: [
    ['Type', 'oneshot'],
    ['RemainAfterExit', 'yes'],
    ['ExecStart', execLine(['/bin/sh', '-c', REPLAY_SCRIPT])],
  ],
  install: [['WantedBy', 'multi-user.target']],
});

/** Whether `ip route show exact DST` output already is this route (same gateway, same dev if given). */
export function routeMatches(r: RouteSpec, shown: string | undefined): boolean {
  if (shown === undefined || shown.trim() === '') return false;
  const words = shown.trim().split(/\s+/);
  const after = (key: string): string | undefined => {
    const i = words.indexOf(key);
    return i < 0 ? undefined : words[i + 1];
  };
  return after('via') === r.via && (r.dev === undefined || after('dev') === r.dev);
}

/** `ip -6` for IPv6 routes: plain `ip route show` lists IPv4 only. */
function ipWords(r: { readonly dst: string; readonly via?: string }): string[] {
  return r.dst.includes(':') || (r.via ?? '').includes(':') ? ['ip', '-6'] : ['ip'];
}

/** Prints `rt.DST=<first line of ip route show exact DST>` ('' when there is no such route). */
export function routeProbe(r: RouteSpec): string {
  return sh`printf 'rt.%s=%s\\n' ${r.dst} "$(${ipWords(r)} route show exact ${r.dst} 2>/dev/null | head -n 1)"`;
}

/** `ip route replace`: sets the route whatever is there now. */
export function replaceStep(r: RouteSpec): RunStep {
  return runStep(
    `ip route replace ${r.dst} ${routeArgs(r).join(' ')}`,
    sh`${ipWords(r)} route replace ${r.dst} ${routeArgs(r)}`,
  );
}

/** `ip route del`, tolerant of a route already gone (the goal is its absence). */
export function deleteStep(dst: string): RunStep {
  return runStep(`ip route del ${dst}`, sh`${ipWords({ dst })} route del ${dst} 2>/dev/null || true`);
}

/** Validates one route from a playbook: CIDR or 'default', an IP gateway, an interface name. */
export function checkRoute(r: { readonly dst: string; readonly via: string; readonly dev?: string }): RouteSpec {
  if (!/^(default|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/.test(r.dst))
    throw badParam('route', `dst ${JSON.stringify(r.dst)} is not a CIDR`);
  if (!/^[0-9A-Fa-f.:]+$/.test(r.via)) throw badParam('route', `via ${JSON.stringify(r.via)} is not an IP address`);
  const dev = r.dev === undefined ? undefined : checkName('route', 'dev', r.dev, /^[A-Za-z0-9_.@-]{1,15}$/);
  return { dst: r.dst, via: r.via, dev };
}
