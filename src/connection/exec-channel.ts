// One exec request: a command whose script arrives on stdin, with a timeout that never hangs.

import type { Client, ClientChannel } from 'ssh2';
import { OrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';
import type { ExecResult } from './types.ts';

export interface ExecRequest {
  readonly host: string;
  /** The remote command line (short: `sh -s`, `sudo -n -- sh -s`). */
  readonly command: string;
  /** Sent on stdin, which then stays open until the channel closes (the command knows the length). */
  readonly input: string;
  readonly timeoutMs: number;
}

/** Opens a session channel running command; rejects UNREACHABLE when the channel cannot open. */
export function openExec(client: Client, host: string, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, channel) => {
      if (err) {
        reject(
          new OrchestrateError('UNREACHABLE', `${host}: could not open an SSH session channel: ${mask(err.message)}`, {
            host,
            fix: 'check sshd on the host (MaxSessions in sshd_config, load); the connection may be gone',
            cause: err,
          }),
        );
      } else resolve(channel);
    });
  });
}

/**
 * Sends an SSH "signal" request. ssh2's channel.signal() silently does nothing once stdin is
 * closed (and ours always is: the script ends with EOF), so the protocol call is made directly.
 */
export function signalChannel(channel: ClientChannel, signal: string): void {
  const ch = channel as unknown as {
    outgoing?: { id?: number; state?: string };
    _client?: { _protocol?: { signal?: (id: number, sig: string) => void } };
  };
  try {
    const proto = ch._client?._protocol;
    if (
      (ch.outgoing?.state === 'open' || ch.outgoing?.state === 'eof') &&
      typeof ch.outgoing.id === 'number' &&
      proto?.signal
    )
      proto.signal(ch.outgoing.id, signal);
    else channel.signal(signal);
  } catch {
    // The channel may be closing already; closing it (the caller's next step) is what matters.
  }
}

/** Runs req; on timeout the remote side gets KILL, the channel is closed and REMOTE_TIMEOUT rejects. */
export async function runExec(client: Client, req: ExecRequest): Promise<ExecResult> {
  const channel = await openExec(client, req.host, req.command);
  return new Promise<ExecResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let code: number | null = null;
    let signal: string | undefined;
    const timer = setTimeout(() => {
      clearTimeout(timer);
      // TERM, not KILL: sudo and timeout relay it to the whole remote process group.
      signalChannel(channel, 'TERM');
      channel.close();
      const tail = mask(Buffer.concat(err).toString('utf8').trim().slice(-500));
      reject(
        new OrchestrateError(
          'REMOTE_TIMEOUT',
          `${req.host}: remote script did not finish within ${req.timeoutMs / 1000}s and was stopped${tail ? `; stderr ends: ${tail}` : ''}`,
          {
            host: req.host,
            fix: 'find out why the step hangs on the host, or give it a longer timeout',
          },
        ),
      );
    }, req.timeoutMs);
    channel.on('data', (d: Buffer) => out.push(d));
    channel.stderr.on('data', (d: Buffer) => err.push(d));
    channel.on('exit', (c: number | null, sig?: string) => {
      code = typeof c === 'number' ? c : null;
      signal = sig ?? undefined;
    });
    channel.on('close', () => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal,
      });
    });
    channel.on('error', () => undefined);
    // stdin stays open: the remote watchdog stops the script when it ends, i.e. when we are gone.
    channel.write(req.input);
  });
}
