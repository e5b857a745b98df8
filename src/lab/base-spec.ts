// What the base image is made of, and the key that names its cache: change either and a new base is built.

import { createHash } from 'node:crypto';
import { release } from 'node:os';
import { join } from 'node:path';
import { BASE_ROOT, CACHE_DIR } from './paths.ts';

/** Debian suite of the base. */
export const SUITE = 'bookworm';

/** Bump when base-prepare.ts changes what it writes, so cached bases are rebuilt. */
export const PREP_VERSION = 1;

/** The NOTES package list, plus python3-minimal (not enough for Ansible: no json, shlex, shutil). */
export const PACKAGES: readonly string[] = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'libpam-systemd',
  'openssh-server',
  'iproute2',
  'iptables',
  'kmod',
  'ca-certificates',
  'curl',
  'procps',
  'iputils-ping',
  'sudo',
  'conntrack',
  'socat',
  'ebtables',
  'ipset',
  'libseccomp2',
  'openssl',
  'python3-minimal',
];

/** Added by the python variant (`lab up --with-python`): the full stdlib Ansible's modules import. */
export const PYTHON_PACKAGES: readonly string[] = ['python3'];

/** Which base: the default, or the variant with a full python3 (for the Ansible benchmark). */
export interface BaseVariant {
  readonly withPython?: boolean;
}

/** Everything the base's content depends on. */
export interface BaseSpec {
  readonly suite: string;
  readonly packages: readonly string[];
  readonly prepVersion: number;
  /** Kernel release the modules.builtin list is written for (hosts share the machine's kernel). */
  readonly kernel: string;
  readonly modulesBuiltin: readonly string[];
}

/** The spec for this machine; a variant's extra packages change its key, so it is cached separately. */
export function baseSpec(modulesBuiltin: readonly string[], kernel = release(), variant: BaseVariant = {}): BaseSpec {
  const packages = variant.withPython === true ? [...PACKAGES, ...PYTHON_PACKAGES] : PACKAGES;
  return { suite: SUITE, packages, prepVersion: PREP_VERSION, kernel, modulesBuiltin };
}

/** Pure: a short stable hash of the spec (16 hex digits). */
export function baseKey(spec: BaseSpec): string {
  const canon = JSON.stringify({
    suite: spec.suite,
    packages: [...spec.packages].sort(),
    prepVersion: spec.prepVersion,
    kernel: spec.kernel,
    modulesBuiltin: [...spec.modulesBuiltin].sort(),
  });
  return createHash('sha256').update(canon).digest('hex').slice(0, 16);
}

/** Where a base of that key is unpacked and cached. */
export function basePaths(key: string): { dir: string; tarball: string; log: string } {
  return {
    dir: join(BASE_ROOT, key),
    tarball: join(CACHE_DIR, `lab-base-${key}.tar.zst`),
    log: join(BASE_ROOT, `${key}.log`),
  };
}

/** File whose presence says a base dir is complete (written last). */
export const BASE_MARKER = 'etc/orchestrate-lab-base';
