// The connection mux: a process that keeps verified SSH connections open between runs (as OpenSSH's
// ControlPersist does) and lends each run a lease on them over a unix socket in the state dir.

import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Client } from 'ssh2';
import type { Host } from '../../inventory/types.ts';
import { verifiedHostKey } from '../client-connect.ts';
import { openConnection } from '../connect.ts';
import { checkHostKeyNow } from '../host-key-verifier.ts';
import { resolveConnectOptions } from '../options.ts';
import { SshRemoteHost } from '../remote-host.ts';
import type { Transport } from '../transport.ts';
import { LeaseClient } from './lease-client.ts';
import { onMessages, send, toWire, type MuxHost, type MuxOptions, type Request } from './protocol.ts';

interface Shared {
  readonly client: Client;
  readonly transport: Transport | undefined;
  /** Leases using it now. */
  leases: number;
  /** Lent no more (no answer to a keepalive, or its key refused): ends with its last lease. */
  retired: boolean;
}

export interface MuxDaemon {
  /** Connections open now (for tests and the log). */
  readonly connections: () => number;
  close(): Promise<void>;
}

/** Everything that decides which connection a host gets: one connection per distinct value. */
function connectionKey(h: MuxHost, o: MuxOptions): string {
  return JSON.stringify([h.address, h.port, h.user, h.identityFile, h.jump, h.proxyCommand, o.agentSocket, o.sshDir]);
}

/** A keepalive@openssh.com round trip: false when the peer did not answer within ms. */
function alive(client: Client, ms: number): Promise<boolean> {
  // ssh2 keeps global-request callbacks in _callbacks and sends its keepalive with _protocol.ping().
  const c = client as unknown as { _callbacks?: (() => void)[]; _protocol?: { ping(): void } };
  if (!Array.isArray(c._callbacks) || typeof c._protocol?.ping !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    c._callbacks!.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
    try {
      c._protocol!.ping();
    } catch {
      clearTimeout(timer);
      resolve(false);
    }
  });
}

/**
 * Listens on socketPath (0600); exits through onIdle once no lease has been open for idleMs.
 * Each socket is one lease: `attach` names the host, then exec/upload/lock calls follow; when
 * the socket closes (the run ended or was killed) the lease's channels close with it.
 */
export async function serveMux(
  socketPath: string,
  initialIdleMs: number,
  onIdle: () => void,
  log: (line: string) => void = () => undefined,
): Promise<MuxDaemon> {
  const shared = new Map<string, Promise<Shared>>();
  let leases = 0;
  let idleMs = initialIdleMs;
  let idleTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const armIdle = (): void => {
    clearTimeout(idleTimer);
    if (leases === 0 && !closed) idleTimer = setTimeout(onIdle, idleMs);
  };

  /** The shared connection for a lease: reused when alive and its key still passes known_hosts. */
  async function connectionFor(host: MuxHost, opts: MuxOptions): Promise<{ conn: Shared; reused: boolean }> {
    const key = connectionKey(host, opts);
    for (let have = shared.get(key); have !== undefined; have = shared.get(key)) {
      const conn = await have.catch(() => undefined);
      if (conn && (await alive(conn.client, 2_000))) {
        const presented = verifiedHostKey.get(conn.client);
        const refused =
          presented &&
          (await checkHostKeyNow(opts.knownHostsFile, opts.hostKeyPolicy, { label: host.name, ...host }, presented));
        if (refused) {
          retire(key, have, conn);
          throw refused;
        }
        if (presented) return { conn, reused: true };
      }
      // Silent (dead, or busy past 2 s with another run's upload) or never made: lent no more, but
      // a run still using it keeps it; look again (another lease may have replaced it already).
      if (conn) retire(key, have, conn);
      else if (shared.get(key) === have) shared.delete(key);
    }
    const opening = openConnection(asHost(host), resolveConnectOptions(opts)).then((c): Shared => ({
      ...c,
      leases: 0,
      retired: false,
    }));
    shared.set(key, opening);
    try {
      const conn = await opening;
      conn.client.on('close', () => {
        if (shared.get(key) === opening) shared.delete(key);
        conn.transport?.close();
      });
      conn.client.on('error', () => undefined);
      log(`connected ${host.name} (${host.address}:${host.port})`);
      return { conn, reused: false };
    } catch (err) {
      if (shared.get(key) === opening) shared.delete(key);
      throw err;
    }
  }

  /** Lends a connection no more (its map entry goes only if still its own); ends it once unused. */
  function retire(key: string, entry: Promise<Shared>, conn: Shared): void {
    if (shared.get(key) === entry) shared.delete(key);
    conn.retired = true;
    if (conn.leases === 0) end(conn);
  }

  function end(conn: Shared): void {
    conn.client.end();
    conn.transport?.close();
  }

  const sockets = new Set<Socket>();
  function serveLease(sock: Socket): void {
    leases++;
    sockets.add(sock);
    clearTimeout(idleTimer);
    let remote: SshRemoteHost | undefined;
    let used: Shared | undefined;
    let attaching: Promise<void> | undefined;
    sock.on('error', () => undefined);
    sock.on('close', () => {
      leases--;
      sockets.delete(sock);
      // The run is gone: its channels close, so its scripts' watchdogs and its host lock let go.
      void (attaching ?? Promise.resolve())
        .then(() => remote?.close())
        .catch(() => undefined)
        .finally(() => {
          if (used && --used.leases === 0 && used.retired) end(used);
        });
      armIdle();
    });
    onMessages<Request>(sock, (msg) => {
      if (msg.t === 'attach') {
        idleMs = msg.idleMs;
        attaching = connectionFor(msg.host, msg.opts).then(
          ({ conn, reused }) => {
            used = conn;
            conn.leases++;
            const lease = new LeaseClient(conn.client);
            remote = new SshRemoteHost(
              asHost(msg.host),
              lease as unknown as Client,
              resolveConnectOptions(msg.opts),
              () => undefined,
            );
            send(sock, { t: 'attached', reused });
          },
          (err: unknown) => {
            send(sock, { t: 'error', error: toWire(err) });
            sock.end();
          },
        );
        return;
      }
      if (msg.t === 'stop') {
        log('stop requested');
        sock.end();
        onIdle();
        return;
      }
      const r = remote;
      if (r === undefined) {
        send(sock, {
          t: 'error',
          id: msg.id,
          error: { code: 'UNREACHABLE', message: 'connection mux: call before attach' },
        });
        return;
      }
      const call = (): Promise<unknown> => {
        switch (msg.t) {
          case 'exec':
            return r.exec(msg.script, {
              ...(msg.timeoutMs === undefined ? {} : { timeoutMs: msg.timeoutMs }),
              ...(msg.become === undefined ? {} : { become: msg.become }),
            });
          case 'upload':
            return r.upload(
              msg.path,
              msg.file !== undefined ? { file: msg.file } : { content: Buffer.from(msg.content ?? '', 'base64') },
              msg.timeoutMs === undefined ? {} : { timeoutMs: msg.timeoutMs },
            );
          case 'lock':
            return r.lock(msg.path, msg.waitMs);
          case 'lockAndExec':
            return r.lockAndExec(
              msg.path,
              msg.waitMs,
              msg.script,
              msg.timeoutMs === undefined ? {} : { timeoutMs: msg.timeoutMs },
            );
        }
      };
      const id = msg.id;
      call().then(
        (result) => send(sock, result === undefined ? { t: 'done', id } : { t: 'done', id, result: result as never }),
        (err: unknown) => send(sock, { t: 'error', id, error: toWire(err) }),
      );
    });
  }

  const server: Server = createServer(serveLease);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Created 0600 from the start: the socket lends authenticated connections to whoever can open it.
    const mask = process.umask(0o177);
    server.listen(socketPath, () => {
      process.umask(mask);
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  armIdle();
  return {
    connections: () => shared.size,
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await stopped;
      for (const p of shared.values()) void p.then(end, () => undefined);
      shared.clear();
      rmSync(socketPath, { force: true });
    },
  };
}

/** The Host SshRemoteHost and openConnection read (name, address, port, user, become, transport). */
function asHost(h: MuxHost): Host {
  return { ...h, groups: [], vars: {} };
}
