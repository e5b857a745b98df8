// Single-host power and shell for fault tests: stop, start, run a script over ssh.

import { bootHost, powerOffHost } from './host-lifecycle.ts';
import { findHost, requireLabState } from './lab-state.ts';
import type { RunResult } from './proc.ts';
import { sshRun } from './ssh.ts';
import { READY_TIMEOUT_MS, waitHostReady } from './wait-ready.ts';

/** Powers one host off (its disk, the overlay upper, is kept for the next start). */
export async function stopHost(name: string, host: string): Promise<void> {
  const { lab, state } = await requireLabState(name);
  await powerOffHost(lab, state, findHost(state, host));
}

/** Powers one host on again and waits until it is ready (a no-op wait when it is running). */
export async function startHost(name: string, host: string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const { lab, state } = await requireLabState(name);
  const h = findHost(state, host);
  await bootHost(lab, state, h);
  await waitHostReady(lab, h, timeoutMs);
}

/** Waits until a host is ready again (after a guest reboot, say). */
export async function waitReady(name: string, host: string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const { lab, state } = await requireLabState(name);
  await waitHostReady(lab, findHost(state, host), timeoutMs);
}

/** Runs a shell script on a host as root, over ssh inside the lab's netns. */
export async function labSshRun(name: string, host: string, script: string, timeoutMs?: number): Promise<RunResult> {
  const { lab, state } = await requireLabState(name);
  return sshRun(lab, findHost(state, host).address, script, timeoutMs);
}
