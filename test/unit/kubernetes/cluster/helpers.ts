// Test helpers: KTHW-shaped inventories (YAML text).

import { stringify } from 'yaml';
import type { Inventory } from '../../../../src/inventory/types.ts';
import { fromYaml } from '../../inventory/helpers.ts';

export interface KthwLayout {
  readonly controllers?: number;
  readonly workers?: readonly string[] | number;
  readonly cluster?: Record<string, unknown>;
  /** Extra vars per host name. */
  readonly hostVars?: Record<string, Record<string, unknown>>;
  readonly extraGroups?: Record<string, { hosts: Record<string, unknown> }>;
}

/** Controllers controller-i at 10.240.0.1i, workers worker-i at 10.240.0.2i (or the names given, in order). */
export function kthwInventory(layout: KthwLayout = {}): Inventory {
  const names =
    typeof layout.workers === 'number' || layout.workers === undefined
      ? Array.from({ length: (layout.workers as number | undefined) ?? 3 }, (_, i) => `worker-${i}`)
      : layout.workers;
  const host = (name: string, address: string) => ({ ansible_host: address, ...(layout.hostVars?.[name] ?? {}) });
  const controllers = Object.fromEntries(
    Array.from({ length: layout.controllers ?? 3 }, (_, i) => [
      `controller-${i}`,
      host(`controller-${i}`, `10.240.0.${10 + i}`),
    ]),
  );
  const workers = Object.fromEntries(
    names.map((n) => [n, host(n, `10.240.0.${20 + Number(/\d+$/.exec(n)?.[0] ?? 0)}`)]),
  );
  const doc = {
    all: {
      vars: { ansible_user: 'root', ...(layout.cluster ? { cluster: layout.cluster } : {}) },
      children: { controllers: { hosts: controllers }, workers: { hosts: workers }, ...(layout.extraGroups ?? {}) },
    },
  };
  return fromYaml(stringify(doc));
}
