// route: static routes set now (`ip route replace`) and at boot (routes file + orchestrate-routes.service).

import type { Action, Module, Step } from './types.ts';
import { action } from './types.ts';
import { sh } from '../shell/quote.ts';
import { parseFields } from './lib/fields.ts';
import { badParam, checkName } from './lib/params.ts';
import type { FileStat } from './lib/stat.ts';
import { parseStat, statProbe } from './lib/stat.ts';
import { planGenerated, planRemoved } from './lib/file-plan.ts';
import { runStep } from './lib/steps.ts';
import { unitStateProbe } from './lib/systemctl.ts';
import type { RouteSpec } from './lib/route-files.ts';
import * as files from './lib/route-files.ts';
import { DAEMON_RELOAD, UNIT_DIR } from './systemd-unit.ts';

export type { RouteSpec } from './lib/route-files.ts';

export interface RouteParams {
  /** The routes file's name under /etc/orchestrate/routes.d. */
  readonly name: string;
  readonly routes: readonly RouteSpec[];
  readonly state: 'present' | 'absent';
}

type Given = { readonly dst: string; readonly via: string; readonly dev?: string };
export type RouteInput = { readonly state?: 'present' | 'absent' } & (
  (Given & { readonly name?: string }) | { readonly name: string; readonly routes: readonly Given[] }
);

export interface RouteState {
  readonly file: FileStat;
  readonly unit: FileStat;
  /** `systemctl is-enabled` of the replay unit. */
  readonly unitEnabled: string;
  /** First line of `ip route show exact DST`, per wanted destination ('' when there is none). */
  readonly runtime: ReadonlyMap<string, string>;
}

const UNIT_PATH = `${UNIT_DIR}/${files.ROUTES_UNIT}`;
const FILE_MAX = 64 * 1024;

export const routeModule: Module<RouteParams, RouteState> = {
  id: 'route',
  probe: (p, ctx) =>
    [
      statProbe(`${files.ROUTES_DIR}/${p.name}`, { prefix: 'file.', contentMax: FILE_MAX }),
      statProbe(UNIT_PATH, { prefix: 'unit.', contentMax: ctx.diff ? FILE_MAX : undefined }),
      unitStateProbe(files.ROUTES_UNIT, 'unit_'),
      ...p.routes.map(files.routeProbe),
    ].join('\n'),
  parse(stdout) {
    const f = parseFields('route', stdout);
    const [file, unit] = [parseStat(f, 'file.'), parseStat(f, 'unit.')];
    return { file, unit, unitEnabled: f.need('unit_enabled'), runtime: f.withPrefix('rt.') };
  },
  plan(p, have, ctx): Step[] {
    const path = `${files.ROUTES_DIR}/${p.name}`;
    if (p.state === 'absent') {
      const live = p.routes.filter((r) => (have.runtime.get(r.dst) ?? '') !== '');
      return [...live.map((r) => files.deleteStep(r.dst)), ...planRemoved(path, have.file)];
    }
    const unit = planGenerated(UNIT_PATH, files.ROUTES_UNIT_CONTENT, have.unit, ctx);
    if (unit.some((s) => s.kind === 'write')) unit.push(DAEMON_RELOAD);
    if (have.unitEnabled !== 'enabled')
      unit.push(runStep(`systemctl enable ${files.ROUTES_UNIT}`, sh`systemctl enable ${files.ROUTES_UNIT}`));
    // Destinations dropped from the file since the last run leave the live table too.
    const wanted = new Set(p.routes.map((r) => r.dst));
    const dropped = files.routesFileDsts(have.file.content?.toString('utf8') ?? '').filter((d) => !wanted.has(d));
    return [
      ...planGenerated(path, files.routesFileContent(p.routes), have.file, ctx),
      ...unit,
      ...dropped.map(files.deleteStep),
      ...p.routes.filter((r) => !files.routeMatches(r, have.runtime.get(r.dst))).map(files.replaceStep),
    ];
  },
};

/** A route task: one route ({dst, via, dev}) or a named set ({name, routes}); see lib/route-files.ts. */
export function route(p: RouteInput): Action<RouteParams, RouteState> {
  const routes = ('routes' in p ? p.routes : [p]).map(files.checkRoute);
  if (new Set(routes.map((r) => r.dst)).size !== routes.length)
    throw badParam('route', 'a destination is listed twice');
  const name = checkName('route', 'name', p.name ?? routes[0]!.dst.replace(/[/:]/g, '_'), /^[A-Za-z0-9_.-]+$/);
  return action(routeModule, { name, routes, state: p.state ?? 'present' });
}
