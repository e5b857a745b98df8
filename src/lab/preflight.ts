// Checks before a lab touches the machine, each failing with the exact fix.

import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from '../errors.ts';

const INSTALL = 'apt-get install systemd-container debootstrap zstd';

/** Tools the lab calls, and the Debian package that brings each. */
const TOOLS: Record<string, string> = {
  'systemd-nspawn': 'systemd-container',
  debootstrap: 'debootstrap',
  zstd: 'zstd',
  nsenter: 'util-linux',
  ip: 'iproute2',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  'mkfs.ext4': 'e2fsprogs',
  tar: 'tar',
};

/** Absolute path of a tool on PATH (plus the sbin dirs), or undefined. */
export async function findTool(name: string, path = process.env['PATH'] ?? ''): Promise<string | undefined> {
  const dirs = [...path.split(':').filter(Boolean), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    const p = join(dir, name);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
      // next dir
    }
  }
  return undefined;
}

/** The lab mounts, makes namespaces and cgroups: only root can. */
export function assertRoot(): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new OrchestrateError('LAB_ERROR', 'the lab needs root (it mounts overlays and creates namespaces)', {
      fix: 'run it as root, e.g. sudo orchestrate lab ...',
    });
  }
}

/** Every tool present, or one error listing the missing ones and the apt-get line. */
export async function assertTools(names: readonly string[] = Object.keys(TOOLS)): Promise<void> {
  const missing: string[] = [];
  for (const n of names) if ((await findTool(n)) === undefined) missing.push(n);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((n) => TOOLS[n] ?? n))];
  const extra = pkgs.filter((p) => !INSTALL.includes(p));
  throw new OrchestrateError('LAB_ERROR', `missing tools: ${missing.join(', ')}`, {
    fix: `${INSTALL}${extra.length ? ` ${extra.join(' ')}` : ''}`,
  });
}

/** Root and every tool: the checks of `lab up` and `lab base`. */
export async function preflight(): Promise<void> {
  assertRoot();
  await assertTools();
}
