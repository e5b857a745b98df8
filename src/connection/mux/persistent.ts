// connectPersistent(): connect() through the state dir's mux, starting it when none runs, so the
// next run finds the SSH connections open (--persist, like OpenSSH's ControlPersist).

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isOrchestrateError } from '../../errors.ts';
import type { Host } from '../../inventory/types.ts';
import { connect } from '../connect.ts';
import type { ConnectOptions } from '../options.ts';
import type { RemoteHost } from '../types.ts';
import { attach, openLeaseSocket } from './mux-host.ts';
import { PROTOCOL_VERSION, send, type MuxOptions } from './protocol.ts';

export interface PersistOptions {
  readonly stateDir: string;
  /** How long the mux keeps connections once no run uses them. */
  readonly idleMs: number;
  /** The command that runs `orchestrate __mux` (socket path and idle ms are appended). */
  readonly daemonArgv: readonly string[];
  /** Told once when the mux cannot be used and the run connects directly instead. */
  readonly warn?: (message: string) => void;
}

/** Same addresses in two network namespaces are two hosts: one mux per namespace. */
function netnsId(): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/net'))?.[1] ?? 'net';
  } catch {
    return 'net';
  }
}

/**
 * `<stateDir>/mux/<netns>.v<protocol>.sock` (the state dir is 0700); undefined when too long for a
 * unix socket. A new protocol gets a mux of its own; an old one idles out.
 */
export function muxSocketPath(stateDir: string): string | undefined {
  const path = join(stateDir, 'mux', `${netnsId()}.v${PROTOCOL_VERSION}.sock`);
  return Buffer.byteLength(path) < 104 ? path : undefined;
}

const starting = new Map<string, Promise<void>>();
const warned = new Set<string>();

/** Starts the mux (once per socket per process) and waits until it answers, up to 5 s. */
function startMux(socketPath: string, p: PersistOptions): Promise<void> {
  let s = starting.get(socketPath);
  if (s === undefined) {
    s = (async () => {
      mkdirSync(join(p.stateDir, 'mux'), { recursive: true, mode: 0o700 });
      const log = openSync(socketPath.replace(/\.sock$/, '.log'), 'a', 0o600);
      const [cmd, ...args] = p.daemonArgv;
      const child = spawn(cmd!, [...args, socketPath, String(p.idleMs)], {
        detached: true,
        stdio: ['ignore', log, log],
        cwd: '/',
      });
      closeSync(log);
      let exited: string | undefined;
      child.once('exit', (code, sig) => (exited = sig ?? `status ${code}`));
      child.once('error', (err) => (exited = err.message));
      child.unref();
      for (const end = Date.now() + 5_000; Date.now() < end;) {
        const sock = await openLeaseSocket(socketPath).catch(() => undefined);
        if (sock) return void sock.destroy();
        if (exited !== undefined) throw new Error(`the mux process ended (${exited}) before it listened`);
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the mux process did not listen within 5 s');
    })();
    starting.set(socketPath, s);
    s.catch(() => starting.delete(socketPath));
  }
  return s;
}

/** connect() over a lease from the mux; a mux that cannot be reached or started means a direct connection. */
export async function connectPersistent(host: Host, opts: ConnectOptions, p: PersistOptions): Promise<RemoteHost> {
  const socketPath = muxSocketPath(p.stateDir);
  const direct = (why: string): Promise<RemoteHost> => {
    if (!warned.has(why)) {
      warned.add(why);
      p.warn?.(`connection mux not used (${why}); connecting directly`);
    }
    return connect(host, opts);
  };
  if (socketPath === undefined) return direct(`the state dir's path is too long for a unix socket`);
  let sock = await openLeaseSocket(socketPath).catch(() => undefined);
  if (sock === undefined) {
    try {
      await startMux(socketPath, p);
      sock = await openLeaseSocket(socketPath);
    } catch (err) {
      return direct((err as Error).message);
    }
  }
  const agent = opts.agentSocket ?? process.env['SSH_AUTH_SOCK'];
  const muxOpts: MuxOptions = {
    knownHostsFile: opts.knownHostsFile,
    hostKeyPolicy: opts.hostKeyPolicy,
    ...pick(opts, ['connectTimeoutMs', 'retries', 'retryDelayMs', 'execTimeoutMs', 'sshDir', 'runInfo']),
    ...(agent === undefined ? {} : { agentSocket: agent }),
  };
  const { name, address, port, user, become, identityFile, jump, proxyCommand } = host;
  const muxHost = { name, address, port, user, become, identityFile, jump, proxyCommand };
  try {
    return await attach(sock, muxHost, muxOpts, p.idleMs);
  } catch (err) {
    // The host's own answer (unreachable, host key) stands; a mux that misbehaved is bypassed.
    if (isOrchestrateError(err)) throw err;
    return direct((err as Error).message);
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Asks every mux serving stateDir to close its connections and exit (lab down, tests). */
export async function stopMuxes(stateDir: string): Promise<number> {
  const dir = join(stateDir, 'mux');
  const socks = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.sock'));
  let stopped = 0;
  for (const f of socks) {
    const sock = await openLeaseSocket(join(dir, f)).catch(() => undefined);
    if (!sock) continue;
    const gone = new Promise<void>((resolve) => sock.once('close', () => resolve()));
    send(sock, { t: 'stop' });
    await Promise.race([gone, new Promise((r) => setTimeout(r, 2_000))]);
    sock.destroy();
    stopped++;
  }
  return stopped;
}
