// The inventory model: hosts with connection settings, groups, and merged vars.

export type HostKeyPolicy = 'strict' | 'accept-new';

export interface Host {
  readonly name: string;
  /** Address to connect to (ansible_host); defaults to the name. */
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /** Run remote scripts through `sudo -n` (needed when user is not root). */
  readonly become: boolean;
  /** Private key file; when absent the SSH agent (SSH_AUTH_SOCK) or default keys are used. */
  readonly identityFile: string | undefined;
  /** ProxyJump-style bastion: [user@]host[:port]. */
  readonly jump: string | undefined;
  /** ProxyCommand-style: a local command whose stdio is the transport (%h, %p replaced). */
  readonly proxyCommand: string | undefined;
  /** Every group the host belongs to, direct or through children, plus 'all'. */
  readonly groups: readonly string[];
  /** Merged vars (precedence documented in src/inventory/vars.ts). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Where each merged var was set (e.g. `group web (all.children.web (line 4))`, `extra vars (-e)`), for messages. */
  readonly varOrigins?: Readonly<Record<string, string>>;
}

export interface Group {
  readonly name: string;
  readonly hosts: readonly string[]; // direct members
  readonly children: readonly string[];
  readonly vars: Readonly<Record<string, unknown>>;
}

export interface Inventory {
  /** Path the inventory came from (for messages and the default state dir). */
  readonly source: string;
  readonly hosts: ReadonlyMap<string, Host>;
  readonly groups: ReadonlyMap<string, Group>;
  /** known_hosts file used to verify host keys. */
  readonly knownHostsFile: string;
  readonly hostKeyPolicy: HostKeyPolicy;
  /** Hosts matching an Ansible-style pattern, in inventory order. */
  select(pattern: string): Host[];
}
