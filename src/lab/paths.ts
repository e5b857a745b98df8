// Where a lab lives on the machine: one place that names every directory, file and namespace.

import { join } from 'node:path';
import { OrchestrateError } from '../errors.ts';

/** Root of all labs' state; one directory per lab name. */
export const LABS_ROOT = '/var/lib/orchestrate/labs';
/** Unpacked base images, one directory per base key (the overlay lower dirs). */
export const BASE_ROOT = '/var/lib/orchestrate/lab-base';
/** Cached base tarballs (.tar.zst), kept across labs and machines' reboots. */
export const CACHE_DIR = '/var/cache/orchestrate';
/** The bridge's name inside the lab's netns (namespaces keep it from clashing across labs). */
export const BRIDGE = 'labbr0';
/** The bridge address: gateway of every host, and where the tools in the netns come from. */
export const GATEWAY = '10.240.0.1';

const NAME = /^[a-z0-9][a-z0-9-]{0,19}$/;

/** Refuses names that would not make a safe directory, netns and machine name. */
export function assertLabName(name: string): void {
  if (!NAME.test(name)) {
    throw new OrchestrateError('OPTIONS_INVALID', `invalid lab name ${JSON.stringify(name)}`, {
      fix: 'use 1-20 characters of a-z, 0-9 and "-", starting with a letter or digit',
    });
  }
}

/** Every path of one lab, so no module builds them by hand. */
export interface LabPaths {
  readonly name: string;
  readonly dir: string;
  readonly netns: string;
  readonly netnsFile: string;
  readonly stateFile: string;
  readonly key: string;
  readonly knownHosts: string;
  readonly inventory: string;
  readonly logs: string;
  readonly binDir: string;
  readonly diskImage: string;
  readonly diskMount: string;
  /** Cgroup directory name under the launcher's own cgroup in each hierarchy. */
  readonly cgroupName: string;
  /** Files holding the kernel tunables hosts read (src/lab/kernel-tunables.ts). */
  readonly tunablesDir: string;
  host(host: string): HostPaths;
}

/** Paths of one host inside its lab. */
export interface HostPaths {
  readonly dir: string;
  readonly upper: string;
  readonly work: string;
  readonly merged: string;
  readonly launcher: string;
  readonly pidFile: string;
  readonly log: string;
  readonly containerdDir: string;
  /** Machine name given to nspawn: unique across labs. */
  readonly machine: string;
}

/** Derives all paths of lab `name` (validated). */
export function labPaths(name: string): LabPaths {
  assertLabName(name);
  const dir = join(LABS_ROOT, name);
  const netns = `orch-${name}`;
  const diskMount = join(dir, 'containerd');
  return {
    name,
    dir,
    netns,
    netnsFile: `/run/netns/${netns}`,
    stateFile: join(dir, 'lab.json'),
    key: join(dir, 'id_ed25519'),
    knownHosts: join(dir, 'known_hosts'),
    inventory: join(dir, 'inventory.yaml'),
    logs: join(dir, 'logs'),
    binDir: join(dir, 'bin'),
    diskImage: join(dir, 'containerd.ext4'),
    diskMount,
    cgroupName: netns,
    tunablesDir: join(dir, 'kernel-tunables'),
    host(host: string): HostPaths {
      const hdir = join(dir, 'hosts', host);
      return {
        dir: hdir,
        upper: join(hdir, 'upper'),
        work: join(hdir, 'work'),
        merged: join(hdir, 'merged'),
        launcher: join(hdir, 'launch.sh'),
        pidFile: join(hdir, 'launcher.pid'),
        log: join(dir, 'logs', `${host}.log`),
        containerdDir: join(diskMount, host),
        machine: `${name}-${host}`,
      };
    },
  };
}
