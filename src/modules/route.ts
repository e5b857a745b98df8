// route: static routes set now (`ip route replace`) and at boot (routes file + orchestrate-routes.service).

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { sha256Hex } from './lib/content.ts';
import { parseFields } from './lib/fields.ts';
import { badParam, checkName } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planFile, planRemoved } from './lib/file-plan.ts';
import { runStep } from './lib/steps.ts';
import type { RouteSpec } from './lib/route-files.ts';
import { ROUTES_DIR, ROUTES_UNIT, ROUTES_UNIT_CONTENT, routeArgs, routeMatches, routesFileContent, routesFileDsts } from './lib/route-files.ts';
import { DAEMON_RELOAD, UNIT_DIR } from './systemd-unit.ts';

export type { RouteSpec } from './lib/route-files.ts';

export interface RouteParams {
  /** The routes file's name under /etc/orchestrate/routes.d. */
  readonly name: string;
  readonly routes: readonly RouteSpec[];
  readonly state: 'present' | 'absent';
}

export type RouteInput =
  | { readonly dst: string; readonly via: string; readonly dev?: string; readonly name?: string; readonly state?: 'present' | 'absent' }
  | { readonly name: string; readonly routes: readonly { dst: string; via: string; dev?: string }[]; readonly state?: 'present' | 'absent' };

export interface RouteState {
  readonly file: FileStat;
  readonly unit: FileStat;
  /** `systemctl is-enabled` of the replay unit. */
  readonly unitEnabled: string;
  /** First line of `ip route show exact DST`, per wanted destination ('' when there is none). */
  readonly runtime: ReadonlyMap<string, string>;
}

const UNIT_PATH = `${UNIT_DIR}/${ROUTES_UNIT}`;
const ROUTES_FILE_MAX = 64 * 1024;

/** `ip -6` for IPv6 routes: plain `ip route show` lists IPv4 only. */
function ip(r: RouteSpec): string {
  return r.via.includes(':') || r.dst.includes(':') ? 'ip -6' : 'ip';
}

export const routeModule: Module<RouteParams, RouteState> = {
  id: 'route',
  probe: (p, ctx) =>
    [
      statProbe(`${ROUTES_DIR}/${p.name}`, { prefix: 'file.', contentMax: ROUTES_FILE_MAX }),
      statProbe(UNIT_PATH, { prefix: 'unit.', contentMax: ctx.diff ? ROUTES_FILE_MAX : undefined }),
      sh`e=$(systemctl is-enabled ${ROUTES_UNIT} 2>/dev/null | head -n 1); echo "unit_enabled=\${e:-not-found}"`,
      ...p.routes.map((r) => sh`printf 'rt.%s=%s\\n' ${r.dst} "$(${ip(r).split(' ')} route show exact ${r.dst} 2>/dev/null | head -n 1)"`),
    ].join('\n'),
  parse(stdout) {
    const f = parseFields('route', stdout);
    return { file: parseStat(f, 'file.'), unit: parseStat(f, 'unit.'), unitEnabled: f.need('unit_enabled'), runtime: f.withPrefix('rt.') };
  },
  plan(p, have, ctx): Step[] {
    const path = `${ROUTES_DIR}/${p.name}`;
    const live = (r: RouteSpec): boolean => (have.runtime.get(r.dst) ?? '') !== '';
    const del = (dst: string, r?: RouteSpec): Step =>
      runStep(`ip route del ${dst}`, sh`${r ? ip(r).split(' ') : ['ip']} route del ${dst} 2>/dev/null || true`);
    if (p.state === 'absent') return [...p.routes.filter(live).map((r) => del(r.dst, r)), ...planRemoved(path, have.file)];
    const content = routesFileContent(p.routes);
    const file = planFile({ path, source: { content }, sha256: sha256Hex(content), mode: '0644', owner: undefined, group: undefined }, have.file, ctx);
    const unitWant = { path: UNIT_PATH, source: { content: ROUTES_UNIT_CONTENT }, sha256: sha256Hex(ROUTES_UNIT_CONTENT), mode: '0644', owner: undefined, group: undefined };
    const unit = planFile(unitWant, have.unit, ctx);
    if (unit.some((s) => s.kind === 'write')) unit.push(DAEMON_RELOAD);
    if (have.unitEnabled !== 'enabled') unit.push(runStep(`systemctl enable ${ROUTES_UNIT}`, sh`systemctl enable ${ROUTES_UNIT}`));
    // Destinations dropped from the file since the last run are removed from the live table too.
    const wanted = new Set(p.routes.map((r) => r.dst));
    const dropped = routesFileDsts(have.file.content?.toString('utf8') ?? '').filter((d) => !wanted.has(d));
    const replace = p.routes
      .filter((r) => !routeMatches(r, have.runtime.get(r.dst)))
      .map((r) => runStep(`ip route replace ${r.dst} ${routeArgs(r).join(' ')}`, sh`${ip(r).split(' ')} route replace ${r.dst} ${routeArgs(r)}`));
    return [...file, ...unit, ...dropped.map((d) => del(d)), ...replace];
  },
};

const ADDR = /^[0-9A-Fa-f.:]+$/;

/** A route task: one route ({dst, via, dev}) or a named set ({name, routes}); see lib/route-files.ts. */
export function route(p: RouteInput): Action<RouteParams, RouteState> {
  const given = 'routes' in p ? p.routes : [{ dst: p.dst, via: p.via, dev: p.dev }];
  const routes = given.map((r) => {
    if (!/^(default|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/.test(r.dst)) throw badParam('route', `dst ${JSON.stringify(r.dst)} is not a CIDR`);
    if (!ADDR.test(r.via)) throw badParam('route', `via ${JSON.stringify(r.via)} is not an IP address`);
    const dev = r.dev === undefined ? undefined : checkName('route', 'dev', r.dev, /^[A-Za-z0-9_.@-]{1,15}$/);
    return { dst: r.dst, via: r.via, dev };
  });
  if (new Set(routes.map((r) => r.dst)).size !== routes.length) throw badParam('route', 'a destination is listed twice');
  const name = p.name ?? routes[0]!.dst.replace(/[/:]/g, '_');
  return action(routeModule, { name: checkName('route', 'name', name, /^[A-Za-z0-9_.-]+$/), routes, state: p.state ?? 'present' });
}
