import { expect } from 'chai';
import { route } from '../../../src/modules/route.ts';
import type { RouteInput } from '../../../src/modules/route.ts';
import { ROUTES_UNIT_CONTENT, routeMatches, routesFileContent } from '../../../src/modules/lib/route-files.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import * as cap from './captured.ts';
import { CHECK, summaries } from './plan.ts';

const POD = { dst: '10.200.1.0/24', via: '10.240.0.21' };
const POD2 = { dst: '10.200.2.0/24', via: '10.240.0.22', dev: 'eth0' };
const W = '/etc/orchestrate/routes.d/pod-routes';
const UNIT = '/etc/systemd/system/orchestrate-routes.service';

/** A probe output: routes file, unit file, enablement and `ip route show exact` lines. */
function probe(file: string, unit: string, enabled: string, rt: Record<string, string>): string {
  return (
    cap.prefixed('file.', file) +
    cap.prefixed('unit.', unit) +
    `unit_enabled=${enabled}\n` +
    Object.entries(rt)
      .map(([d, l]) => `rt.${d}=${l}\n`)
      .join('')
  );
}
const persisted = (routes: { dst: string; via: string; dev?: string }[]): string =>
  cap.fileWith(routesFileContent(routes.map((r) => ({ dev: undefined, ...r }))));
const unitOk = cap.fileWith(ROUTES_UNIT_CONTENT, cap.FILE_NO_CONTENT.replace(/^sha256=.*$/m, '$&\ncontent='));
const live = {
  '10.200.1.0/24': '10.200.1.0/24 via 10.240.0.21 dev eth0 ',
  '10.200.2.0/24': '10.200.2.0/24 via 10.240.0.22 dev eth0 proto static ',
};

describe('modules/route', () => {
  const set: RouteInput = { name: 'pod-routes', routes: [POD, POD2] };
  const cases: { given: string; when: RouteInput; probe: string; then: string[] }[] = [
    {
      given: 'persisted, unit enabled, routes live',
      when: set,
      probe: probe(persisted([POD, POD2]), unitOk, 'enabled', live),
      then: [],
    },
    {
      given: 'a fresh host (captured)',
      when: { dst: '198.51.100.0/24', via: '192.0.2.1' },
      probe: cap.ROUTE_FRESH,
      then: [
        'run: mkdir -p /etc/orchestrate/routes.d',
        'write: /etc/orchestrate/routes.d/198.51.100.0_24 0644',
        `write: ${UNIT} 0644`,
        'run: systemctl daemon-reload',
        'run: systemctl enable orchestrate-routes.service',
        'run: ip route replace 198.51.100.0/24 via 192.0.2.1',
      ],
    },
    {
      given: 'persisted but lost at runtime (interface bounced)',
      when: set,
      probe: probe(persisted([POD, POD2]), unitOk, 'enabled', { ...live, '10.200.1.0/24': '' }),
      then: ['run: ip route replace 10.200.1.0/24 via 10.240.0.21'],
    },
    {
      given: 'a live route via another gateway',
      when: set,
      probe: probe(persisted([POD, POD2]), unitOk, 'enabled', {
        ...live,
        '10.200.2.0/24': '10.200.2.0/24 via 10.240.0.99 dev eth0 ',
      }),
      then: ['run: ip route replace 10.200.2.0/24 via 10.240.0.22 dev eth0'],
    },
    {
      given: 'a worker dropped from the set',
      when: { name: 'pod-routes', routes: [POD] },
      probe: probe(persisted([POD, POD2]), unitOk, 'enabled', { '10.200.1.0/24': live['10.200.1.0/24'] }),
      then: [`write: ${W} 0644`, 'run: ip route del 10.200.2.0/24 2>/dev/null || true'],
    },
    {
      given: 'the unit disabled by hand',
      when: set,
      probe: probe(persisted([POD, POD2]), unitOk, 'disabled', live),
      then: ['run: systemctl enable orchestrate-routes.service'],
    },
    {
      given: 'the default route already as wanted (captured ip output)',
      when: { name: 'def', routes: [{ dst: 'default', via: '192.0.2.1', dev: 'eth0' }] },
      probe: probe(persisted([{ dst: 'default', via: '192.0.2.1', dev: 'eth0' }]), unitOk, 'enabled', {
        default: cap.IP_ROUTE_DEFAULT,
      }),
      then: [],
    },
    {
      given: 'a set to remove',
      when: { ...set, state: 'absent' },
      probe: probe(persisted([POD, POD2]), unitOk, 'enabled', { ...live, '10.200.2.0/24': '' }),
      then: ['run: ip route del 10.200.1.0/24 2>/dev/null || true', `run: rm -f ${W}`],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = route(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN an IPv6 route WHEN probed and applied THEN ip -6 is used', () => {
    const a = route({ dst: 'fd00:200::/64', via: 'fd00::21' });
    expect(a.params.name).to.equal('fd00_200___64');
    expect(a.module.probe(a.params, CHECK)).to.include('ip -6 route show exact fd00:200::/64');
  });

  it('GIVEN the replay unit WHEN read THEN every $ is escaped for systemd and it replays routes.d/*', () => {
    const exec = ROUTES_UNIT_CONTENT.split('\n').find((l) => l.startsWith('ExecStart='))!;
    expect(exec.replace(/\$\$/g, '')).not.to.include('$');
    expect(exec).to.include('/etc/orchestrate/routes.d/*').and.include('ip route replace');
  });

  it('GIVEN ip route output WHEN matched THEN gateway and (when given) device decide', () => {
    expect(
      routeMatches({ dst: 'x', via: '10.0.0.1', dev: undefined }, 'x via 10.0.0.1 dev eth1 proto static'),
    ).to.equal(true);
    expect(routeMatches({ dst: 'x', via: '10.0.0.1', dev: 'eth0' }, 'x via 10.0.0.1 dev eth1')).to.equal(false);
    expect(routeMatches({ dst: 'x', via: '10.0.0.1', dev: undefined }, 'x dev eth0 scope link')).to.equal(false);
  });

  for (const [what, input] of [
    ['a hostname as gateway', { dst: '10.0.0.0/8', via: 'gw.example' }],
    ['a dst with a space', { dst: '10.0.0.0/8 dev x', via: '10.0.0.1' }],
    ['the same dst twice', { name: 'x', routes: [POD, POD] }],
  ] as const)
    it(`GIVEN ${what} WHEN built THEN PLAYBOOK_INVALID`, () => {
      expect(() => route(input as RouteInput))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
    });
});
