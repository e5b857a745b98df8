// `lab down`: every host off, every mount gone, netns and cgroups deleted, the lab dir removed.
// Idempotent, and works from whatever a crashed `up` left behind.

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { stopMuxes } from '../connection/mux/persistent.ts';
import { OrchestrateError } from '../errors.ts';
import { labCgroupRoots, removeCgroupTree } from './cgroups.ts';
import { detachLabLoops } from './containerd-disk.ts';
import { powerOffHost } from './host-lifecycle.ts';
import { readLabState, type LabState } from './lab-state.ts';
import { currentMountsUnder, unmountUnder } from './mounts.ts';
import { deleteNetwork } from './netns.ts';
import { labPaths, type LabPaths } from './paths.ts';
import { assertRoot } from './preflight.ts';

/** What `labDown` did. */
export interface LabDownResult {
  readonly existed: boolean;
  readonly hosts: number;
  readonly seconds: number;
}

/** lab.json, or a stand-in rebuilt from the hosts/ dirs when up crashed before writing it. */
async function stateOrGuess(lab: LabPaths): Promise<LabState> {
  const state = await readLabState(lab);
  if (state !== undefined) return state;
  const names = await readdir(join(lab.dir, 'hosts')).catch(() => [] as string[]);
  return {
    name: lab.name,
    netns: lab.netns,
    prefix: 24,
    baseKey: '',
    baseDir: '',
    createdAt: '',
    cgroupRoots: await labCgroupRoots(lab.cgroupName),
    bindReadOnly: [],
    hosts: names.map((name) => ({ name, address: '', groups: [] })),
  };
}

/** Tears lab `name` down completely; a lab that is not there is a no-op. */
export async function labDown(name = 'lab'): Promise<LabDownResult> {
  const t0 = Date.now();
  assertRoot();
  const lab = labPaths(name);
  const state = await stateOrGuess(lab);
  // Connections a --persist run left open end first (their mux would otherwise outlive the hosts).
  await stopMuxes(join(lab.dir, '.orchestrate'));
  const limit = pLimit(16);
  await Promise.all(state.hosts.map((h) => limit(() => powerOffHost(lab, state, h))));
  await unmountUnder(lab.dir);
  await detachLabLoops(lab);
  await deleteNetwork(lab);
  for (const root of state.cgroupRoots) await removeCgroupTree(root);
  const left = await currentMountsUnder(lab.dir);
  if (left.length > 0) {
    throw new OrchestrateError('LAB_ERROR', `lab ${name}: still mounted: ${left.join(', ')}`, {
      fix: `umount -l ${left.join(' ')}; then orchestrate lab down --name ${name}`,
    });
  }
  const existed = (await readdir(lab.dir).catch(() => undefined)) !== undefined;
  await rm(lab.dir, { recursive: true, force: true });
  return { existed, hosts: state.hosts.length, seconds: (Date.now() - t0) / 1000 };
}
