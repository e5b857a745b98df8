// Test helper: the RoleContext a role's tasks() sees, for a host of a KTHW-shaped test inventory.

import type { RoleContext } from '../../../../src/executor/types.ts';
import type { Facts } from '../../../../src/facts/types.ts';
import type { Inventory } from '../../../../src/inventory/types.ts';

/** Facts of a plain Debian 12 amd64 host without swap. */
export const DEBIAN_FACTS: Facts = {
  hostname: 'h',
  fqdn: 'h',
  os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
  arch: 'amd64',
  kernel: '6.1.0-18-amd64',
  addresses: [],
  defaultRoute: undefined,
  routes: [],
  resolvConf: { path: '/etc/resolv.conf', target: undefined, nameservers: ['10.240.0.1'], search: [] },
  resolved: { active: false, stub: false, upstream: [] },
  swap: { totalKb: 0, devices: [] },
  modules: [],
  cgroupVersion: 2,
  capBounding: '000001ffffffffff',
  systemd: { version: 252, running: true },
  gatheredAt: '2026-01-01T00:00:00.000Z',
};

/** The context of `host` in `inventory`, with the state dir given (vars: none). */
export function roleContext(inventory: Inventory, stateDir: string, host: string): RoleContext<undefined> {
  const h = inventory.hosts.get(host);
  if (!h) throw new Error(`no host ${host} in the test inventory`);
  return {
    host: h,
    facts: { ...DEBIAN_FACTS, hostname: host, fqdn: host },
    vars: undefined,
    inventory,
    factsOf: () => undefined,
    stateDir,
    playHosts: [...inventory.hosts.values()],
    artifactsDir: undefined,
  };
}
