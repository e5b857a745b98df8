// A throwaway OpenSSH sshd on 127.0.0.1 for the connection e2e test: own host key, config and users.

import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';
/** Debian packages this test needs (the lead's .ci/run installs them too). */
export const PACKAGES = ['openssh-server', 'openssh-client', 'sudo', 'netcat-openbsd'];

const sh = (cmd: string): string =>
  execFileSync('sh', ['-c', cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Installs what is missing, never leaving the system sshd running or enabled. */
export function ensurePackages(): void {
  const missing = [SSHD, '/usr/bin/ssh-keygen', '/usr/bin/sudo', '/bin/nc'].some((f) => !existsSync(f));
  if (!missing) return;
  // policy-rc.d exit 101 keeps the package's maintainer scripts from starting the system sshd.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) sh(`printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`);
  try {
    sh(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${PACKAGES.join(' ')}`);
  } finally {
    if (ownPolicy) sh(`rm -f ${policy}`);
  }
  sh('if command -v systemctl >/dev/null; then systemctl disable ssh >/dev/null 2>&1 || true; fi');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function waitListening(port: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every descendant pid of pid (from /proc), deepest last. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, pp] of parent) {
      if (pp !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

function isSshd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('sshd');
  } catch {
    return false;
  }
}

export interface Sshd {
  readonly port: number;
  readonly dir: string;
  /** `ssh-ed25519 AAAA...` of the server's host key. */
  readonly hostKey: string;
  /** The client key authorized for every user. */
  readonly clientKey: string;
  /** SIGKILLs the listener and its session processes, as a crash of sshd would; what the sessions ran is left to the engine's watchdog. */
  kill(): void;
}

/** Starts sshd -D on a free 127.0.0.1 port, authorizing dir/id_ed25519 for the given users. */
export async function startSshd(dir: string, users: readonly string[]): Promise<Sshd> {
  await mkdir(join(dir, 'authorized_keys'), { recursive: true });
  // sshd reads authorized_keys as the user: non-root test users must be able to reach it.
  await chmod(dir, 0o711);
  await chmod(join(dir, 'authorized_keys'), 0o755);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const clientKey = join(dir, 'id_ed25519');
  if (!existsSync(clientKey)) sh(`ssh-keygen -q -t ed25519 -N '' -C orchestrate-e2e -f ${clientKey}`);
  const hostKeyFile = join(dir, 'host_ed25519');
  if (!existsSync(hostKeyFile)) sh(`ssh-keygen -q -t ed25519 -N '' -C e2e-host -f ${hostKeyFile}`);
  const pub = readFileSync(`${clientKey}.pub`, 'utf8');
  for (const u of users) await writeFile(join(dir, 'authorized_keys', u), pub, { mode: 0o644 });
  const port = await freePort();
  const config = join(dir, `sshd_config.${port}`);
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `PidFile ${join(dir, `sshd.${port}.pid`)}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}/%u`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding yes',
      'MaxStartups 100',
      'MaxSessions 20',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      'LogLevel ERROR',
      // bash sources ~/.bashrc under sshd only at SHLVL<2: keeps this machine's root dotfiles (pyenv
      // rehash takes a lock that a killed session leaves stale, hanging every later login) out of tests.
      'SetEnv SHLVL=1',
    ].join('\n') + '\n',
  );
  await chmod(config, 0o600);
  // sshd's own log goes to a file beside its config, to read when a test fails.
  const log = openSync(join(dir, `sshd.${port}.log`), 'a');
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', log] });
  closeSync(log);
  await waitListening(port, 10_000);
  const master = child.pid ?? 0;
  return {
    port,
    dir,
    hostKey: readFileSync(`${hostKeyFile}.pub`, 'utf8').split(' ').slice(0, 2).join(' '),
    clientKey,
    kill: () => {
      // Only sshd's own processes: killing the scripts too would hide whether the engine ends them.
      for (const pid of [master, ...descendants(master).filter(isSshd)]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    },
  };
}

/** A test user with a sudoers rule (password required, or NOPASSWD); returns the cleanup. */
export function addSudoUser(name: string, nopasswd: boolean): () => void {
  sh(`id ${name} >/dev/null 2>&1 || useradd -m -s /bin/sh -p '*' ${name}`);
  const rule = `/etc/sudoers.d/${name}`;
  sh(`printf '%s\\n' '${name} ALL=(ALL) ${nopasswd ? 'NOPASSWD: ' : ''}ALL' > ${rule} && chmod 0440 ${rule}`);
  return () => {
    sh(`rm -f ${rule}; userdel -r ${name} >/dev/null 2>&1 || true`);
  };
}

/** Runs a shell command on this machine (test setup only). */
export const local = sh;
