// become = sudo -n: never prompts; a sudo that wants a password is reported, not waited for.

import { OrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';
import { sh } from '../shell/quote.ts';

/** True when commands must be wrapped in sudo (become requested and not already root). */
export function needsSudo(user: string, become: boolean): boolean {
  return become && user !== 'root';
}

/** Wraps a short command line (already built with sh``) to run as root when becoming. */
export function asRoot(user: string, become: boolean, command: string): string {
  return needsSudo(user, become) ? sh`sudo -n -- sh -c ${command}` : command;
}

const SUDO_REFUSED =
  /^sudo: (.*a password is required.*|.*a terminal is required.*|.*is not in the sudoers file.*|.*is not allowed to (run|execute).*)$/m;

/** BECOME_FAILED when sudo refused (exit 1 with sudo's own message); undefined otherwise. */
export function becomeFailure(
  host: string,
  user: string,
  code: number | null,
  stderr: string,
): OrchestrateError | undefined {
  if (code !== 1) return undefined;
  const m = SUDO_REFUSED.exec(stderr);
  if (!m) return undefined;
  return new OrchestrateError(
    'BECOME_FAILED',
    `${host}: become failed: sudo -n refused for user ${user} (${mask(m[0])})`,
    {
      host,
      fix: `allow passwordless sudo for ${user} (a NOPASSWD sudoers entry, e.g. "${user} ALL=(ALL) NOPASSWD: ALL" in /etc/sudoers.d/${user}), or set become: false for this host`,
    },
  );
}

/** TASK_FAILED when the host lacks the `timeout` wrapper every exec runs under (exit 127). */
export function wrapperMissing(host: string, code: number | null, stderr: string): OrchestrateError | undefined {
  if (code !== 127 || !/timeout: (command )?not found|timeout: No such file/.test(stderr)) return undefined;
  return new OrchestrateError(
    'TASK_FAILED',
    `${host}: the host has no \`timeout\` command, which orchestrate runs every script under`,
    {
      host,
      fix: 'install coreutils on the host',
    },
  );
}
