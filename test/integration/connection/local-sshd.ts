// A small in-process SSH server for unit tests: real SSH (ssh2's Server), key auth, and every exec
// run with the local sh; the client closing a channel ends the command's stdin, as sshd does.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection, ParsedKey, ServerChannel } from 'ssh2';

/** Debian's openssh-server ships it (CI installs openssh-server for the lab). */
const SFTP_SERVER = '/usr/lib/openssh/sftp-server';

/** Wires a channel to a local process as sshd does: its end or close ends the process's stdin. */
function pipeTo(stream: ServerChannel, child: ChildProcessWithoutNullStreams): void {
  child.stdout.on('data', (d: Buffer) => stream.write(d));
  child.stderr.on('data', (d: Buffer) => stream.stderr.write(d));
  stream.on('data', (d: Buffer) => child.stdin.write(d));
  stream.on('end', () => child.stdin.end());
  stream.on('close', () => child.stdin.end());
  child.stdin.on('error', () => undefined);
  child.on('close', (code, signal) => {
    try {
      if (signal) stream.exit(signal, false, '');
      else stream.exit(code ?? 0);
      stream.end();
    } catch {
      // The client closed the channel first.
    }
  });
}

/** An ed25519 pair ssh2 can read back (a few of the pairs it generates fail its own parser). */
function keyPair(): { private: string; public: string } {
  for (;;) {
    const k = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(k.public) instanceof Error) && !(ssh2.utils.parseKey(k.private) instanceof Error))
      return k;
  }
}

export interface LocalSshd {
  readonly port: number;
  readonly knownHostsFile: string;
  readonly identityFile: string;
  /** TCP connections accepted so far. */
  readonly accepted: () => number;
  /** Commands (exec requests) run so far. */
  readonly execs: () => number;
  /** Connections open now. */
  readonly open: () => number;
  /** Stops reading from the connections open now (a host too busy to answer), until thawAll(). */
  freezeAll(): void;
  thawAll(): void;
  /** Cuts every open connection (the host went away). */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startLocalSshd(dir: string): Promise<LocalSshd> {
  const hostKey = keyPair();
  const clientKey = keyPair();
  const allowed = ssh2.utils.parseKey(clientKey.public) as ParsedKey;
  const identityFile = join(dir, 'id_ed25519');
  writeFileSync(identityFile, clientKey.private, { mode: 0o600 });
  let accepted = 0;
  let execs = 0;
  const open = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (conn) => {
    accepted++;
    open.add(conn);
    conn.on('close', () => open.delete(conn));
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || !ctx.key.data.equals(allowed.getPublicSSH())) return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && !allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) return ctx.reject();
      ctx.accept();
    });
    conn.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('subsystem', (acceptSub, reject, info) => {
        if (info.name !== 'sftp') return reject();
        pipeTo(acceptSub(), spawn(SFTP_SERVER, [], { stdio: ['pipe', 'pipe', 'pipe'] }));
      });
      session.on('exec', (acceptExec, _reject, info) => {
        execs++;
        pipeTo(acceptExec(), spawn('sh', ['-c', info.command], { stdio: ['pipe', 'pipe', 'pipe'] }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${hostKey.public}\n`, { mode: 0o600 });
  return {
    port,
    knownHostsFile,
    identityFile,
    accepted: () => accepted,
    execs: () => execs,
    open: () => open.size,
    freezeAll: () => {
      for (const c of open) sockOf(c)?.pause();
    },
    thawAll: () => {
      for (const c of open) sockOf(c)?.resume();
    },
    dropAll: () => {
      for (const c of open) c.end();
    },
    close: async () => {
      for (const c of open) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The TCP socket under a server-side connection (ssh2 keeps it in _sock). */
function sockOf(c: Connection): { pause(): void; resume(): void } | undefined {
  return (c as unknown as { _sock?: { pause(): void; resume(): void } })._sock;
}
