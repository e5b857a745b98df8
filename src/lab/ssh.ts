// OpenSSH client calls to lab hosts: always from inside the lab's netns, always with the lab's key
// and known_hosts, StrictHostKeyChecking=yes.

import type { LabPaths } from './paths.ts';
import { inNetns } from './netns.ts';
import { run, type RunResult } from './proc.ts';

/** Options of one ssh invocation. */
export interface SshOptions {
  /** Seconds for the TCP connect (default 5). */
  readonly connectTimeout?: number;
  /** Interactive use: allocate a tty when there is no command. */
  readonly interactive?: boolean;
}

/** Pure: argv for `ssh root@address [command]` with the lab's key and known_hosts, for a caller already in the netns. */
export function sshClientArgv(
  lab: LabPaths,
  address: string,
  command: readonly string[],
  opts: SshOptions = {},
): string[] {
  const ssh = [
    'ssh',
    '-F',
    '/dev/null',
    '-i',
    lab.key,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `ConnectTimeout=${opts.connectTimeout ?? 5}`,
    '-o',
    'LogLevel=ERROR',
    ...(opts.interactive ? [] : ['-o', 'BatchMode=yes']),
    `root@${address}`,
  ];
  if (command.length > 0) ssh.push('--', ...command);
  return ssh;
}

/** Pure: the same, wrapped in the lab's netns. */
export function sshArgv(lab: LabPaths, address: string, command: readonly string[], opts: SshOptions = {}): string[] {
  return inNetns(lab, sshClientArgv(lab, address, command, opts));
}

/** Runs a shell script on a host (as root, via its login shell) and captures the result. */
export function sshRun(lab: LabPaths, address: string, script: string, timeoutMs = 120_000): Promise<RunResult> {
  return run(sshArgv(lab, address, [script]), { timeoutMs });
}
