// Which config shapes a version takes: containerd 1.x reads config version 2, 2.x version 3
// (docs/kthw.md#version-shapes).

import { OrchestrateError } from 'orchestrate';

/** major.minor of a version string ('v2.1.0', '1.6.20'). */
export interface MajorMinor {
  readonly major: number;
  readonly minor: number;
}

/** Pure: major and minor; a version that does not start with N.N is a VARS_INVALID. */
export function majorMinor(component: string, version: string): MajorMinor {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m)
    throw new OrchestrateError('VARS_INVALID', `${component} version "${version}" is not a release version`, {
      fix: `set cluster.versions.${component} to a version like 1.6.20 or 2.1.0`,
    });
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** True when a is at least major.minor. */
export function atLeast(a: MajorMinor, major: number, minor = 0): boolean {
  return a.major > major || (a.major === major && a.minor >= minor);
}

/** containerd config schema: 3 from containerd 2.0 (which still migrates a 2 at load time), else 2 (1.x). */
export function containerdConfigVersion(containerd: string): 2 | 3 {
  return atLeast(majorMinor('containerd', containerd), 2) ? 3 : 2;
}

/**
 * The CNI spec version of our confs: 1.0.0 needs plugins >= 1.0 and a libcni that knows it
 * (containerd >= 1.6); older pairs get 0.4.0 (KTHW 2021's version).
 */
export function cniSpecVersion(cniPlugins: string, containerd: string): '1.0.0' | '0.4.0' {
  const plugins = majorMinor('cni', cniPlugins);
  const runtime = majorMinor('containerd', containerd);
  return atLeast(plugins, 1) && atLeast(runtime, 1, 6) ? '1.0.0' : '0.4.0';
}
