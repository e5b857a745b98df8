// Alternative transports under SSH: a ProxyCommand's stdio, or a channel forwarded by a jump host.

import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { quote } from '../shell/quote.ts';

export interface Transport {
  /** What ssh2 speaks SSH over. */
  readonly sock: Duplex;
  /** For messages: `via proxy command "..."` / `via jump host bastion:22`. */
  readonly via: string;
  /** Extra words for a failure message (e.g. the proxy command's stderr and exit status). */
  detail(): string;
  /** Resolves when the transport has fully ended (the proxy command exited), so detail() is complete. */
  ended(): Promise<void>;
  close(): void;
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
  readonly user: string;
}

/** Replaces %h, %p, %r and %% as OpenSSH's ProxyCommand does (the host is shell-quoted). */
export function expandProxyCommand(command: string, to: Endpoint): string {
  return command.replace(/%([hpr%])/g, (_m, c: string) => {
    if (c === 'h') return quote(to.address);
    if (c === 'p') return String(to.port);
    if (c === 'r') return quote(to.user);
    return '%';
  });
}

/** Spawns `sh -c command` and speaks SSH over its stdin/stdout. */
export function openProxyCommand(command: string, to: Endpoint): Transport {
  const line = expandProxyCommand(command, to);
  const child = spawn('sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let spawnError = '';
  let status = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-2000);
  });
  child.on('error', (err) => {
    spawnError = err.message;
  });
  const sock = Duplex.from({ readable: child.stdout, writable: child.stdin });
  // The command exiting is the transport closing: end the socket so ssh2 notices at once.
  child.on('exit', (code, signal) => {
    status = signal ? `proxy command killed by ${signal}` : `proxy command exited with status ${code}`;
    if (!sock.destroyed) sock.destroy();
  });
  sock.on('error', () => undefined);
  return {
    sock,
    via: `via proxy command ${JSON.stringify(line)}`,
    detail: () => [status, spawnError, stderr.trim()].filter((s) => s !== '').join('; '),
    ended: () => exited,
    close: () => {
      sock.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** `[user@]host[:port]` (host may be `[v6addr]`) with defaults for the missing parts. */
export function parseJump(spec: string, defaultUser: string): Endpoint {
  const at = spec.lastIndexOf('@');
  const user = at >= 0 ? spec.slice(0, at) : defaultUser;
  const rest = at >= 0 ? spec.slice(at + 1) : spec;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (v6) return { user, address: v6[1] ?? '', port: v6[2] ? Number(v6[2]) : 22 };
  const m = /^([^:]+)(?::(\d+))?$/.exec(rest);
  if (!m || user === '') throw new Error(`jump host "${spec}" is not [user@]host[:port]`);
  return { user, address: m[1] ?? '', port: m[2] ? Number(m[2]) : 22 };
}

/** Opens a direct-tcpip channel from a connected jump host to the target. */
export function forwardThrough(bastion: Client, bastionName: string, to: Endpoint): Promise<Transport> {
  return new Promise((resolve, reject) => {
    bastion.forwardOut('127.0.0.1', 0, to.address, to.port, (err, channel) => {
      if (err) {
        bastion.end();
        reject(new Error(`the jump host could not reach it (${err.message})`, { cause: err }));
        return;
      }
      resolve({
        sock: channel,
        via: `via jump host ${bastionName}`,
        detail: () => '',
        ended: () => Promise.resolve(),
        close: () => {
          channel.destroy();
          bastion.end();
        },
      });
    });
  });
}
