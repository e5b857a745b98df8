// Counts SSH sessions (exec requests and subsystems such as sftp) per host from sshd's own log:
// the same method for both tools. sshd logs "Starting session: command|subsystem ..." at LogLevel VERBOSE
// (by SYSLOG_IDENTIFIER: pam_systemd moves the session process out of ssh.service, so -u ssh misses most).

import pLimit from 'p-limit';
import { labSshRun } from '../../src/lab/index.ts';

/** Sessions one host served between two marks. */
export interface SessionCount {
  readonly exec: number;
  readonly subsystem: number;
}

/** Where a host's sshd log stood, and the port of the ssh that asked (its own session is not counted). */
export interface SessionMark {
  readonly cursor: string;
  readonly port: string;
}

const limit = pLimit(8);

async function onHost(lab: string, host: string, script: string): Promise<string> {
  const r = await labSshRun(lab, host, script);
  if (r.code !== 0) throw new Error(`${host}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Turns on sshd's VERBOSE log on every host (a drop-in read before the lab's own, then a reload). */
export async function enableSessionLog(lab: string, hosts: readonly string[]): Promise<void> {
  const script = `echo 'LogLevel VERBOSE' > /etc/ssh/sshd_config.d/00-bench-verbose.conf && systemctl reload ssh`;
  await Promise.all(hosts.map((h) => limit(() => onHost(lab, h, script))));
}

/** The journal cursor of ssh.service on every host, before a run. */
export async function markSessions(lab: string, hosts: readonly string[]): Promise<Map<string, SessionMark>> {
  const script = `journalctl -t sshd -n 0 --show-cursor -o cat | sed -n 's/^-- cursor: //p'; echo "\${SSH_CLIENT#* }" | cut -d' ' -f1`;
  const marks = await Promise.all(
    hosts.map((h) =>
      limit(async () => {
        const [cursor = '', port = ''] = (await onHost(lab, h, script)).trim().split('\n');
        return [h, { cursor, port }] as const;
      }),
    ),
  );
  return new Map(marks);
}

/** Sessions each host served since its mark, leaving out the marking and counting ssh connections. */
export async function countSessions(
  lab: string,
  marks: ReadonlyMap<string, SessionMark>,
): Promise<Map<string, SessionCount>> {
  const counted = await Promise.all(
    [...marks].map(([h, m]) =>
      limit(async () => {
        const script = `me="\${SSH_CLIENT#* }"; me="\${me%% *}"
journalctl -t sshd -o cat --after-cursor '${m.cursor}' | grep '^Starting session:' | grep -v -e " port ${m.port} " -e " port $me " || true`;
        const lines = (await onHost(lab, h, script)).split('\n').filter((l) => l !== '');
        const exec = lines.filter((l) => l.startsWith('Starting session: command')).length;
        return [h, { exec, subsystem: lines.length - exec }] as const;
      }),
    ),
  );
  return new Map(counted);
}
