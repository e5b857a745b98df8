// `lab status` and `labInfo`: what a lab is made of and how each host is doing.

import type { LabHost } from './host-plan.ts';
import { launcherPid } from './launcher.ts';
import { requireLabState } from './lab-state.ts';
import { run } from './proc.ts';
import { sshArgv } from './ssh.ts';

/** Everything a test or a user needs to reach a lab. */
export interface LabInfo {
  readonly name: string;
  readonly netns: string;
  readonly dir: string;
  readonly hosts: readonly LabHost[];
  readonly inventory: string;
  readonly key: string;
  readonly knownHosts: string;
}

/** One host's status line. */
export interface HostStatus extends LabHost {
  readonly running: boolean;
  readonly ssh: boolean;
}

/** The lab's layout and files (throws when the lab is not up). */
export async function labInfo(name = 'lab'): Promise<LabInfo> {
  const { lab, state } = await requireLabState(name);
  return {
    name: lab.name,
    netns: lab.netns,
    dir: lab.dir,
    hosts: state.hosts,
    inventory: lab.inventory,
    key: lab.key,
    knownHosts: lab.knownHosts,
  };
}

/** Each host: launcher running, and ssh answering (checked in parallel, 3 s each). */
export async function labStatus(name = 'lab'): Promise<HostStatus[]> {
  const { lab, state } = await requireLabState(name);
  return Promise.all(
    state.hosts.map(async (h) => {
      const running = (await launcherPid(lab.host(h.name))) !== undefined;
      const ssh =
        running &&
        (await run(sshArgv(lab, h.address, ['true'], { connectTimeout: 3 }), { timeoutMs: 10_000 })).code === 0;
      return { ...h, running, ssh };
    }),
  );
}
