// A RemoteHost whose SSH connection lives in the mux: each call is a message on the lease's socket.

import { connect as connectSocket, type Socket } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { OrchestrateError } from '../../errors.ts';
import type { ExecOptions, ExecResult, RemoteHost, UploadSource } from '../types.ts';
import { fromWire, onMessages, send, type MuxHost, type MuxOptions, type Reply, type Request } from './protocol.ts';

type Pending = { resolve: (r: ExecResult | undefined) => void; reject: (e: OrchestrateError) => void };

/** Distributes a call over Request without its id (TS's Omit would merge the union). */
type Call = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class MuxRemoteHost implements RemoteHost {
  #count = 0;
  #next = 1;
  readonly #pending = new Map<number, Pending>();
  #lost: OrchestrateError | undefined;
  readonly #closed: Promise<void>;
  /** Settles the attach: its answer is the first line on the socket. */
  #attaching: { resolve: (reused: boolean) => void; reject: (err: Error) => void } | undefined;
  #reused = false;

  private constructor(
    readonly name: string,
    private readonly sock: Socket,
  ) {
    this.#closed = new Promise((resolve) => sock.once('close', () => resolve()));
    let bad = false;
    sock.once('close', () => {
      this.#attaching?.reject(
        new Error(
          bad
            ? 'the connection mux answered with something that is not JSON'
            : 'the connection mux closed the socket while attaching',
        ),
      );
      this.#lost ??= new OrchestrateError('UNREACHABLE', `${name}: the connection mux closed this host's lease`, {
        host: name,
        fix: 'check the mux log in the state dir (mux/), then re-run (with --persist 0 to connect directly)',
      });
      for (const p of this.#pending.values()) p.reject(this.#lost);
      this.#pending.clear();
    });
    onMessages<Reply>(
      sock,
      (msg) => {
        const attaching = this.#attaching;
        if (attaching) {
          this.#attaching = undefined;
          if (msg.t === 'attached') return attaching.resolve(msg.reused);
          sock.destroy();
          return attaching.reject(
            msg.t === 'error' ? fromWire(msg.error) : new Error(`the connection mux answered ${msg.t} to attach`),
          );
        }
        if (msg.t !== 'done' && msg.t !== 'error') return;
        const p = msg.id === undefined ? undefined : this.#pending.get(msg.id);
        if (!p || msg.id === undefined) return;
        this.#pending.delete(msg.id);
        if (msg.t === 'done') p.resolve(msg.result);
        else p.reject(fromWire(msg.error));
      },
      () => (bad = true),
    );
  }

  /** Attaches host on an open lease socket: the mux connects (or reuses) and checks the host key. */
  static attach(sock: Socket, host: MuxHost, opts: MuxOptions, idleMs: number): Promise<MuxRemoteHost> {
    const remote = new MuxRemoteHost(host.name, sock);
    return new Promise((resolve, reject) => {
      remote.#attaching = {
        resolve: (reused) => {
          remote.#reused = reused;
          resolve(remote);
        },
        reject,
      };
      send(sock, { t: 'attach', host, opts, idleMs });
    });
  }

  /** True when the connection was already open (made by an earlier run). */
  get reused(): boolean {
    return this.#reused;
  }

  get execCount(): number {
    return this.#count;
  }

  #call(call: Call): Promise<ExecResult | undefined> {
    if (this.#lost) return Promise.reject(this.#lost);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      send(this.sock, { ...call, id } as Request);
    });
  }

  async exec(script: string, opts: ExecOptions = {}): Promise<ExecResult> {
    this.#count++;
    return (await this.#call({ t: 'exec', script, ...opts }))!;
  }

  async upload(remotePath: string, source: UploadSource, opts: { timeoutMs?: number } = {}): Promise<void> {
    // The mux runs in / : a local file is named absolutely.
    const body =
      source.file !== undefined
        ? { file: resolvePath(source.file) }
        : { content: (source.content ?? Buffer.alloc(0)).toString('base64') };
    await this.#call({ t: 'upload', path: remotePath, ...body, ...opts });
  }

  async lock(path: string, waitMs: number): Promise<void> {
    this.#count++;
    await this.#call({ t: 'lock', path, waitMs });
  }

  async lockAndExec(
    path: string,
    waitMs: number,
    script: string,
    opts: { timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    this.#count++;
    return (await this.#call({ t: 'lockAndExec', path, waitMs, script, ...opts }))!;
  }

  /** Ends the lease: the mux closes this run's channels (and so its host lock); the connection stays. */
  async close(): Promise<void> {
    this.#lost ??= new OrchestrateError(
      'UNREACHABLE',
      `${this.name}: the lease was closed by orchestrate while this call ran`,
      {
        host: this.name,
      },
    );
    this.sock.end();
    const timer = setTimeout(() => this.sock.destroy(), 2_000);
    await this.#closed;
    clearTimeout(timer);
  }
}

/** Opens the socket; rejects with the socket error (ENOENT, ECONNREFUSED: no daemon there). */
export function openLeaseSocket(socketPath: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connectSocket(socketPath);
    sock.once('connect', () => {
      sock.off('error', reject);
      sock.on('error', () => undefined);
      resolve(sock);
    });
    sock.once('error', reject);
  });
}

/** Attaches host on an open lease socket (see MuxRemoteHost.attach). */
export const attach = (sock: Socket, host: MuxHost, opts: MuxOptions, idleMs: number): Promise<MuxRemoteHost> =>
  MuxRemoteHost.attach(sock, host, opts, idleMs);
