// Local files SSH will need, checked before any connection: each host's private key, and known_hosts under strict.

import { statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inventoryInvalid } from '../inventory/invalid.ts';
import type { Host, Inventory } from '../inventory/types.ts';

const KEY_VAR = 'ansible_ssh_private_key_file';

/** INVENTORY_INVALID for a missing, non-file or too open private key, or a missing known_hosts file under strict. */
export function checkSshFiles(inv: Inventory, hosts: readonly Host[], acceptNewHostKeys: boolean): void {
  const checked = new Set<string>();
  for (const h of hosts) {
    if (h.identityFile === undefined || checked.has(h.identityFile)) continue;
    checked.add(h.identityFile);
    checkKey(inv.source, h);
  }
  if (inv.hostKeyPolicy === 'strict' && !acceptNewHostKeys) checkKnownHosts(inv);
}

function checkKey(source: string, h: Host): void {
  const file = h.identityFile!;
  const bad = (problem: string, fix: string) =>
    inventoryInvalid(source, `host ${h.name}`, `${KEY_VAR} ${file} ${problem}`, fix);
  const st = stat(file);
  if (st === undefined)
    throw bad(
      'does not exist',
      `set ${KEY_VAR} to an existing private key (relative to the inventory file; with -e, to the current directory)`,
    );
  if (!st.isFile()) throw bad('is not a file', `set ${KEY_VAR} to the private key file itself, e.g. ~/.ssh/id_ed25519`);
  // OpenSSH refuses such keys too: a key others can read is not private any more.
  if ((st.mode & 0o077) !== 0)
    throw bad(`is readable by others (mode ${(st.mode & 0o777).toString(8)})`, `chmod 600 ${file}`);
}

function checkKnownHosts(inv: Inventory): void {
  const file = inv.knownHostsFile;
  const isDefault = file === join(homedir(), '.ssh', 'known_hosts');
  const what = isDefault ? `known_hosts file ${file} (the default)` : `known_hosts file ${file}`;
  const st = stat(file);
  if (st === undefined)
    throw inventoryInvalid(
      inv.source,
      'orchestrate_known_hosts',
      `${what} does not exist, and host keys are checked strictly: every host would be refused`,
      `record the hosts' keys first (ssh-keyscan -p PORT HOST >> ${file}, then compare the fingerprints), ` +
        'set orchestrate_known_hosts in all.vars to the file that has them, or trust new hosts once with --accept-new-host-keys',
    );
  if (!st.isFile())
    throw inventoryInvalid(
      inv.source,
      'orchestrate_known_hosts',
      `${what} is not a file`,
      'set orchestrate_known_hosts in all.vars to a known_hosts file',
    );
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
