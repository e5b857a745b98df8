// Which hosts a lab has: names, addresses and groups, decided before anything touches the machine.

import { OrchestrateError } from '../errors.ts';

/** One planned lab host. */
export interface LabHost {
  readonly name: string;
  readonly address: string;
  readonly groups: readonly string[];
}

/** The lab's layout: hosts plus the prefix length shared by the bridge and every host. */
export interface HostPlan {
  readonly hosts: readonly LabHost[];
  readonly prefix: 16 | 24;
}

/** `lab up N` or `lab up --controllers C --workers W`. */
export type HostLayout =
  | { readonly kind: 'plain'; readonly count: number }
  | { readonly kind: 'cluster'; readonly controllers: number; readonly workers: number };

/** Upper bounds: plain hosts continue into 10.240.1.x and beyond (/16) after .254. */
export const MAX_PLAIN = 500;
export const MAX_CONTROLLERS = 10;
export const MAX_WORKERS = 235;

function bad(message: string): OrchestrateError {
  return new OrchestrateError('OPTIONS_INVALID', message, {
    fix: `use 1-${MAX_PLAIN} hosts, or 1-${MAX_CONTROLLERS} controllers and 0-${MAX_WORKERS} workers`,
  });
}

function checkCount(n: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(n) || n < min || n > max) throw bad(`${what} must be ${min}-${max}, got ${n}`);
}

/** Address of plain host i (1-based): 10.240.0.(100+i), then 10.240.1.1 onwards. */
export function plainAddress(i: number): string {
  const offset = 100 + i;
  if (offset <= 254) return `10.240.0.${offset}`;
  const j = offset - 255;
  return `10.240.${1 + Math.floor(j / 254)}.${1 + (j % 254)}`;
}

/** Pure: the hosts of a layout, KTHW-style addresses, groups for the inventory. */
export function planHosts(layout: HostLayout): HostPlan {
  if (layout.kind === 'plain') {
    checkCount(layout.count, 1, MAX_PLAIN, 'host count');
    const hosts = Array.from({ length: layout.count }, (_, k) => ({
      name: `h${k + 1}`,
      address: plainAddress(k + 1),
      groups: ['lab'],
    }));
    return { hosts, prefix: layout.count + 100 <= 254 ? 24 : 16 };
  }
  checkCount(layout.controllers, 1, MAX_CONTROLLERS, 'controllers');
  checkCount(layout.workers, 0, MAX_WORKERS, 'workers');
  const controllers = Array.from({ length: layout.controllers }, (_, i) => ({
    name: `controller-${i}`,
    address: `10.240.0.${10 + i}`,
    groups: ['controllers', 'etcd'],
  }));
  const workers = Array.from({ length: layout.workers }, (_, i) => ({
    name: `worker-${i}`,
    address: `10.240.0.${20 + i}`,
    groups: ['workers'],
  }));
  return { hosts: [...controllers, ...workers], prefix: 24 };
}

/** Group names in first-seen order (for a stable inventory). */
export function groupNames(hosts: readonly LabHost[]): string[] {
  const seen = new Set<string>();
  for (const h of hosts) for (const g of h.groups) seen.add(g);
  return [...seen];
}
