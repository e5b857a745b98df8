// The lab's inventory as Ansible-style YAML, which the project's loader (and Ansible) reads.

import { stringify } from 'yaml';
import { groupNames, type LabHost } from './host-plan.ts';

/** Files the inventory points at: absolute paths inside the lab dir. */
export interface InventoryFiles {
  readonly key: string;
  readonly knownHosts: string;
}

/** Pure: all.vars (root, the lab key and known_hosts, then `extraVars`) and one child group per host group. */
export function renderInventory(
  hosts: readonly LabHost[],
  files: InventoryFiles,
  extraVars: Readonly<Record<string, unknown>> = {},
): string {
  const children: Record<string, { hosts: Record<string, { ansible_host: string }> }> = {};
  for (const group of groupNames(hosts)) {
    const members: Record<string, { ansible_host: string }> = {};
    for (const h of hosts) if (h.groups.includes(group)) members[h.name] = { ansible_host: h.address };
    children[group] = { hosts: members };
  }
  const doc = {
    all: {
      vars: {
        ansible_user: 'root',
        ansible_ssh_private_key_file: files.key,
        orchestrate_known_hosts: files.knownHosts,
        ...extraVars,
      },
      children,
    },
  };
  return `# Written by \`orchestrate lab up\`; rewritten on every up.\n${stringify(doc)}`;
}
