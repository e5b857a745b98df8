// The lab's network: a namespace with one bridge and no route off the machine.

import { access } from 'node:fs/promises';
import { BRIDGE, GATEWAY, type LabPaths } from './paths.ts';
import { run, runOk } from './proc.ts';

/** argv prefix that runs a command inside the lab's netns (nsenter: leaves /sys alone, which nspawn needs). */
export function inNetns(lab: LabPaths, argv: readonly string[]): string[] {
  return ['nsenter', `--net=${lab.netnsFile}`, '--', ...argv];
}

/** True when the lab's netns exists. */
export async function netnsExists(lab: LabPaths): Promise<boolean> {
  return access(lab.netnsFile).then(
    () => true,
    () => false,
  );
}

/** Creates the netns with lo and the bridge at GATEWAY/prefix; no uplink, no default route. */
export async function createNetwork(lab: LabPaths, prefix: number): Promise<void> {
  await runOk(['ip', 'netns', 'add', lab.netns]);
  const ipn = (...args: string[]): Promise<string> => runOk(['ip', '-n', lab.netns, ...args]);
  await ipn('link', 'set', 'lo', 'up');
  await ipn('link', 'add', BRIDGE, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
  await ipn('addr', 'add', `${GATEWAY}/${prefix}`, 'dev', BRIDGE);
  await ipn('link', 'set', BRIDGE, 'up');
}

/** Deletes the netns (its bridge and any leftover veth go with it); fine when absent. */
export async function deleteNetwork(lab: LabPaths): Promise<void> {
  if (!(await netnsExists(lab))) return;
  await run(['ip', 'netns', 'del', lab.netns]);
  if (await netnsExists(lab)) await runOk(['ip', 'netns', 'del', lab.netns]);
}
