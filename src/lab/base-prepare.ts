// Turns a fresh debootstrap tree into the lab's base: boots straight to sshd in a container, no prompts.

import { mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GATEWAY } from './paths.ts';
import { runOk } from './proc.ts';
import type { BaseSpec } from './base-spec.ts';

/** Units that would wait at a console, or run jobs nobody asked for, in a throw-away host. */
export const MASKED_UNITS: readonly string[] = [
  'systemd-firstboot.service',
  'getty@tty1.service',
  'console-getty.service',
  'apt-daily.timer',
  'apt-daily-upgrade.timer',
  'fstrim.timer',
  'e2scrub_all.timer',
  'e2scrub_reap.service',
  'dpkg-db-backup.timer',
];

/** sshd drop-in: root by key only, no DNS lookups, only the per-host ed25519 key. */
export const SSHD_DROPIN = `# orchestrate lab
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
HostKey /etc/ssh/ssh_host_ed25519_key
`;

/** Remounts the v1 controllers read-write at boot: runc/containerd must create cgroups in them. */
export const CGROUP_RW_UNIT = `[Unit]
Description=Make cgroup controllers writable (orchestrate lab: container runtimes need them)
DefaultDependencies=no
Before=sysinit.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'for d in /sys/fs/cgroup/*/; do mountpoint -q "$d" && mount -o remount,bind,rw "$d"; done; true'

[Install]
WantedBy=sysinit.target
`;

/** Hosts have no DNS; a non-loopback resolver that answers nothing fails fast and loops nowhere. */
export const RESOLV_CONF = `# orchestrate lab: no DNS server inside the lab; use /etc/hosts\nnameserver ${GATEWAY}\n`;

async function write(root: string, rel: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(join(root, rel, '..'), { recursive: true });
  await rm(join(root, rel), { force: true });
  await writeFile(join(root, rel), text, { mode });
}

async function writeModules(root: string, spec: BaseSpec): Promise<void> {
  const dir = `lib/modules/${spec.kernel}`;
  await write(root, `${dir}/modules.builtin`, spec.modulesBuiltin.map((l) => `${l}\n`).join(''));
  await write(root, `${dir}/modules.order`, '');
  await write(root, `${dir}/modules.builtin.modinfo`, '');
  await runOk(['chroot', root, 'depmod', '-a', spec.kernel]);
}

/** Applies every preparation step to the tree at root (a debootstrap result). */
export async function prepareBase(root: string, spec: BaseSpec): Promise<void> {
  const systemctl = (...args: string[]): Promise<string> => runOk(['systemctl', `--root=${root}`, ...args]);
  await systemctl('disable', '--no-reload', ...MASKED_UNITS.filter((u) => !u.startsWith('systemd-firstboot')));
  await systemctl('mask', ...MASKED_UNITS);
  await write(root, 'etc/systemd/system/orchestrate-cgroup-rw.service', CGROUP_RW_UNIT);
  await systemctl('enable', 'systemd-networkd.service', 'ssh.service', 'orchestrate-cgroup-rw.service');

  // Each host gets its own machine-id and host key; the base must carry none.
  await write(root, 'etc/machine-id', '', 0o444);
  await rm(join(root, 'var/lib/dbus/machine-id'), { force: true });
  await symlink('/etc/machine-id', join(root, 'var/lib/dbus/machine-id'));
  for (const f of await readdir(join(root, 'etc/ssh'))) {
    if (f.startsWith('ssh_host_')) await rm(join(root, 'etc/ssh', f));
  }
  await write(root, 'etc/ssh/sshd_config.d/orchestrate-lab.conf', SSHD_DROPIN);
  await mkdir(join(root, 'root/.ssh'), { recursive: true, mode: 0o700 });
  await write(root, 'etc/resolv.conf', RESOLV_CONF);
  await write(root, 'etc/fstab', '# orchestrate lab: nothing to mount\n');
  await writeModules(root, spec);

  for (const f of await readdir(join(root, 'var/cache/apt/archives'))) {
    if (f.endsWith('.deb')) await rm(join(root, 'var/cache/apt/archives', f));
  }
  await write(root, 'etc/orchestrate-lab-base', `${JSON.stringify(spec, null, 2)}\n`);
}
