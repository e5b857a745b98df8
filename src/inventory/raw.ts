// The source-neutral inventory that YAML and TS specs both normalize to, before validation.

/** One place where a host is written down; a host may be written in several groups. */
export interface HostDefinition {
  readonly name: string;
  /** The host's own vars at this place (connection vars included, as ansible_* keys). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Where it was written, e.g. `all.children.web.hosts.web-1`. */
  readonly place: string;
}

/** One place where a group is written down; YAML may write a group under several parents. */
export interface GroupDefinition {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly children: readonly string[];
  readonly vars: Readonly<Record<string, unknown>>;
  readonly place: string;
  /** True when this place only names the group (YAML `web:` with no body) and defines nothing. */
  readonly referenceOnly: boolean;
}

/** Everything a source said, in document order, not yet checked for consistency. */
export interface RawInventory {
  /** Path of the file as the user wrote it (for messages); relative to the build's cwd. */
  readonly source: string;
  /** all.vars (inventory-wide settings such as orchestrate_known_hosts live here). */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly hosts: readonly HostDefinition[];
  readonly groups: readonly GroupDefinition[];
}
