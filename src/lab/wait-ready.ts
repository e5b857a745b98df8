// "Up" means: sshd answers with the recorded host key and systemd finished booting.

import { readFile } from 'node:fs/promises';
import { OrchestrateError } from '../errors.ts';
import type { LabHost } from './host-plan.ts';
import { launcherPid } from './launcher.ts';
import type { LabPaths } from './paths.ts';
import { run } from './proc.ts';
import { sshArgv } from './ssh.ts';

/** Default per-host boot timeout. */
export const READY_TIMEOUT_MS = 120_000;

/** The last lines of a host's nspawn log (for errors). */
export async function logTail(path: string, lines = 20): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls ssh until `systemctl is-system-running --wait` says running or degraded. */
export async function waitHostReady(lab: LabPaths, host: LabHost, timeoutMs = READY_TIMEOUT_MS): Promise<string> {
  const hp = lab.host(host.name);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const left = Math.max(1000, deadline - Date.now());
    const argv = sshArgv(lab, host.address, ['systemctl is-system-running --wait'], { connectTimeout: 2 });
    const r = await run(argv, { timeoutMs: left });
    const state = r.stdout.trim().split('\n').pop() ?? '';
    if (state === 'running' || state === 'degraded') return state;
    last = (r.stderr.trim() || state).split('\n').pop() ?? '';
    if ((await launcherPid(hp)) === undefined) {
      throw new OrchestrateError(
        'LAB_ERROR',
        `${host.name}: its nspawn exited while booting:\n${await logTail(hp.log)}`,
        {
          host: host.name,
          fix: `see ${hp.log}; then orchestrate lab down --name ${lab.name}`,
        },
      );
    }
    await sleep(state === '' ? 250 : 1000);
  }
  throw new OrchestrateError(
    'LAB_ERROR',
    `${host.name}: not ready after ${Math.round(timeoutMs / 1000)} s (last: ${last || 'no answer'}); log tail:\n${await logTail(hp.log)}`,
    { host: host.name, fix: `see ${hp.log}; then orchestrate lab down --name ${lab.name}` },
  );
}
