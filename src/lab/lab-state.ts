// lab.json: what `lab up` built, so every later command (and `down` after a crash) knows the lab.

import { readFile, rename, writeFile } from 'node:fs/promises';
import { OrchestrateError } from '../errors.ts';
import type { LabHost } from './host-plan.ts';
import type { LabBind } from './launcher.ts';
import { labPaths, type LabPaths } from './paths.ts';

/** The recorded shape of a lab. */
export interface LabState {
  readonly name: string;
  readonly netns: string;
  readonly prefix: number;
  readonly baseKey: string;
  readonly baseDir: string;
  readonly createdAt: string;
  /** The lab's cgroup dirs (one per hierarchy); each host has a subdirectory. */
  readonly cgroupRoots: readonly string[];
  /** Machine dirs bound read-only into every host (e.g. /lib/modules when the kernel has modules). */
  readonly bindReadOnly: readonly string[];
  /** Binds the caller asked for (`labUp({ binds })`, `lab up --bind-ro`); absent in older lab.json. */
  readonly binds?: readonly LabBind[];
  /** Kernel tunables bound over /proc/sys in every host (keys of KERNEL_TUNABLES); absent in older lab.json. */
  readonly kernelTunables?: readonly string[];
  readonly hosts: readonly LabHost[];
}

/** Writes lab.json atomically. */
export async function writeLabState(lab: LabPaths, state: LabState): Promise<void> {
  const tmp = `${lab.stateFile}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, lab.stateFile);
}

/** lab.json of a lab, or undefined when the lab is not up. */
export async function readLabState(lab: LabPaths): Promise<LabState | undefined> {
  const text = await readFile(lab.stateFile, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as LabState);
}

/** lab.json of a lab that must be up (the error names the fix). */
export async function requireLabState(name: string): Promise<{ lab: LabPaths; state: LabState }> {
  const lab = labPaths(name);
  const state = await readLabState(lab);
  if (state === undefined) {
    const flag = name === 'lab' ? '' : ` --name ${name}`;
    throw new OrchestrateError('LAB_ERROR', `lab ${name} is not up`, { fix: `orchestrate lab up 3${flag}` });
  }
  return { lab, state };
}

/** One host of a lab by name (the error lists the lab's hosts). */
export function findHost(state: LabState, host: string): LabHost {
  const h = state.hosts.find((x) => x.name === host || x.address === host);
  if (h === undefined) {
    throw new OrchestrateError('LAB_ERROR', `lab ${state.name} has no host ${host}`, {
      fix: `use one of: ${state.hosts.map((x) => x.name).join(', ')}`,
    });
  }
  return h;
}
