// Files that make a host itself, written into its merged tree before its first boot.

import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabHost } from './host-plan.ts';
import { GATEWAY } from './paths.ts';
import { runOk } from './proc.ts';

/** Pure: /etc/hosts naming the host itself (other hosts are the roles' business, as on real machines). */
export function renderEtcHosts(host: LabHost): string {
  return [
    '127.0.0.1\tlocalhost',
    '::1\t\tlocalhost ip6-localhost ip6-loopback',
    'ff02::1\t\tip6-allnodes',
    'ff02::2\t\tip6-allrouters',
    `${host.address}\t${host.name}`,
    '',
  ].join('\n');
}

/** Pure: systemd-networkd config giving host0 its static address and the bridge as gateway. */
export function renderNetworkFile(host: LabHost, prefix: number): string {
  return [
    '# orchestrate lab',
    '[Match]',
    'Name=host0',
    '',
    '[Network]',
    `Address=${host.address}/${prefix}`,
    `Gateway=${GATEWAY}`,
    'LinkLocalAddressing=no',
    'IPv6AcceptRA=no',
    '',
  ].join('\n');
}

/** Pure: a known_hosts line for a host key (`ADDR TYPE BASE64`, comment dropped). */
export function knownHostsLine(address: string, publicKey: string): string {
  const [type, b64] = publicKey.trim().split(/\s+/);
  return `${address} ${type} ${b64}`;
}

async function put(root: string, rel: string, text: string, mode = 0o644): Promise<void> {
  const p = join(root, rel);
  await mkdir(join(p, '..'), { recursive: true });
  await rm(p, { force: true });
  await writeFile(p, text, { mode });
}

/** Writes identity, network, keys into merged; returns the host's known_hosts line. */
export async function writeHostFiles(
  merged: string,
  host: LabHost,
  prefix: number,
  labPublicKey: string,
): Promise<string> {
  await put(merged, 'etc/hostname', `${host.name}\n`);
  await put(merged, 'etc/machine-id', `${randomBytes(16).toString('hex')}\n`, 0o444);
  await put(merged, 'etc/hosts', renderEtcHosts(host));
  await put(merged, 'etc/systemd/network/10-host0.network', renderNetworkFile(host, prefix));
  await mkdir(join(merged, 'root/.ssh'), { recursive: true });
  await chmod(join(merged, 'root/.ssh'), 0o700);
  await put(
    merged,
    'root/.ssh/authorized_keys',
    labPublicKey.endsWith('\n') ? labPublicKey : `${labPublicKey}\n`,
    0o600,
  );
  const key = join(merged, 'etc/ssh/ssh_host_ed25519_key');
  await rm(key, { force: true });
  await rm(`${key}.pub`, { force: true });
  await runOk(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `root@${host.name}`, '-f', key]);
  return knownHostsLine(host.address, await readFile(`${key}.pub`, 'utf8'));
}
