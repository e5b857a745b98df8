// TS inventories: `export default defineInventory({...})`, checked by tsc like any other code.

import type { HostKeyPolicy } from './types.ts';

/** Connection settings spelled as vars, so a group (or -e) can set them for all of its hosts. */
export interface ConnectionVars {
  ansible_host?: string;
  ansible_port?: number;
  ansible_user?: string;
  ansible_become?: boolean;
  ansible_ssh_private_key_file?: string;
  /** Bastion, [user@]host[:port]. */
  orchestrate_jump?: string;
  /** Local command whose stdio is the transport (%h, %p replaced). */
  orchestrate_proxy_command?: string;
  /** Among groups of the same depth, the higher priority's vars win (Ansible's default: 1). */
  ansible_group_priority?: number;
}

/** Vars at any level: a part of the inventory's vars type V, plus the connection vars. */
export type VarsSpec<V> = Partial<V> & ConnectionVars;

/** One host; the fields are shorthands for the ansible_* / orchestrate_* connection vars. */
export interface HostSpec<V = Record<string, unknown>> {
  /** Address to connect to; default: the host's name. */
  address?: string;
  /** Default 22. */
  port?: number;
  /** Default: the current OS user, as ssh does. */
  user?: string;
  /** Run remote scripts through `sudo -n`; default false. */
  become?: boolean;
  identityFile?: string;
  jump?: string;
  proxyCommand?: string;
  vars?: VarsSpec<V>;
}

/** A group: hosts (names, or definitions), child group names, group vars. */
export interface GroupSpec<V = Record<string, unknown>> {
  hosts?: readonly string[] | Readonly<Record<string, HostSpec<V> | null>>;
  children?: readonly string[];
  vars?: VarsSpec<V>;
}

/** The whole inventory; groups that are nobody's child hang directly below `all`. */
export interface InventorySpec<V = Record<string, unknown>> {
  /** all.vars: the lowest precedence. */
  vars?: VarsSpec<V>;
  hosts?: Readonly<Record<string, HostSpec<V> | null>>;
  groups?: Readonly<Record<string, GroupSpec<V>>>;
  /** known_hosts file, relative to the inventory file; default ~/.ssh/known_hosts. */
  knownHosts?: string;
  /** Default 'strict'. */
  hostKeyPolicy?: HostKeyPolicy;
}

/** What a TS inventory module default-exports; the loader validates and builds it. */
export interface DefinedInventory<V = Record<string, unknown>> {
  readonly kind: 'orchestrate.inventory';
  readonly spec: InventorySpec<V>;
}

/**
 * Typed inventory: `defineInventory<ClusterVars>({...})` checks every vars map against
 * Partial<ClusterVars>; without a type argument any vars are accepted (V is never inferred).
 */
export function defineInventory<V extends object = Record<string, unknown>>(
  spec: InventorySpec<NoInfer<V>>,
): DefinedInventory<V> {
  return Object.freeze({ kind: 'orchestrate.inventory', spec });
}
