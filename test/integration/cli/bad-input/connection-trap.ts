// A TCP listener every corpus host points at: any connection to it means a bad input got past validation.

import { createServer, type Server } from 'node:net';

export interface ConnectionTrap {
  readonly port: number;
  /** One entry per accepted connection (the remote port), in arrival order. */
  readonly seen: readonly string[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a free port); records and drops every connection. */
export async function openConnectionTrap(): Promise<ConnectionTrap> {
  const seen: string[] = [];
  const server: Server = createServer((socket) => {
    seen.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the trap has no TCP port');
  return {
    port: address.port,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
