// One run's view of a shared SSH connection: the channels it opened close when its lease ends,
// exactly as they would if the run had its own connection and that connection closed.

import { EventEmitter } from 'node:events';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';

type ExecCallback = (err: Error | undefined, channel: ClientChannel) => void;
type SftpCallback = (err: Error | undefined, sftp: SFTPWrapper) => void;

/**
 * The part of ssh2's Client that SshRemoteHost uses (exec, sftp, end, destroy, error/close
 * events), over a connection other leases share. end() closes this lease's channels only; the
 * remote watchdog and the host lock see their stdin end, as with a closed connection.
 */
export class LeaseClient extends EventEmitter {
  /** Each open channel with how to close it (SFTPWrapper's close() closes a file handle). */
  readonly #channels = new Map<ClientChannel | SFTPWrapper, () => void>();
  #ended = false;
  readonly #onError = (err: Error): void => void this.emit('error', err);
  readonly #onClose = (): void => {
    this.end();
  };

  constructor(private readonly real: Client) {
    super();
    real.on('error', this.#onError);
    real.on('close', this.#onClose);
  }

  /** Channels this lease has open now. */
  get open(): number {
    return this.#channels.size;
  }

  exec(command: string, cb: ExecCallback): this {
    if (this.#ended) {
      queueMicrotask(() => cb(new Error('the lease has ended'), undefined as never));
      return this;
    }
    this.real.exec(command, (err, channel) => {
      if (!err) this.#track(channel, () => channel.close());
      cb(err, channel);
    });
    return this;
  }

  sftp(cb: SftpCallback): this {
    if (this.#ended) {
      queueMicrotask(() => cb(new Error('the lease has ended'), undefined as never));
      return this;
    }
    this.real.sftp((err, sftp) => {
      if (!err) this.#track(sftp, () => sftp.end());
      cb(err, sftp);
    });
    return this;
  }

  #track(ch: ClientChannel | SFTPWrapper, close: () => void): void {
    // A channel opened after the lease ended (its request was in flight) is closed at once.
    if (this.#ended) return quietly(close);
    this.#channels.set(ch, close);
    ch.once('close', () => this.#channels.delete(ch));
  }

  /** Ends the lease: closes its channels, leaves the connection to the others; emits 'close'. */
  end(): this {
    if (this.#ended) return this;
    this.#ended = true;
    this.real.off('error', this.#onError);
    this.real.off('close', this.#onClose);
    for (const close of this.#channels.values()) quietly(close);
    this.#channels.clear();
    setImmediate(() => this.emit('close'));
    return this;
  }

  destroy(): this {
    return this.end();
  }
}

function quietly(close: () => void): void {
  try {
    close();
  } catch {
    // Already closing with its connection.
  }
}
