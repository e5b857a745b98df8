// `orchestrate __mux SOCKET IDLE_MS`: the mux process itself (started detached by a run; see persistent.ts).

import { rmSync } from 'node:fs';
import { serveMux, type MuxDaemon } from './daemon.ts';
import { openLeaseSocket } from './mux-host.ts';

/** Serves until idle; its stderr is the mux log. Leaves quietly when another mux already serves the socket. */
export async function runMuxDaemon(socketPath: string, idleMs: number): Promise<number> {
  const log = (line: string): void =>
    void process.stderr.write(`${new Date().toISOString()} mux ${process.pid}: ${line}\n`);
  let daemon: MuxDaemon | undefined;
  const stop = (): void => {
    log('stopping');
    void (daemon?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    // Leases still open hold server.close(): leave anyway.
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  for (let attempt = 1; daemon === undefined; attempt++) {
    try {
      daemon = await serveMux(socketPath, idleMs, stop, log);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 1) throw err;
      // Started at the same time as another run's mux, or a dead one left its socket behind.
      const live = await openLeaseSocket(socketPath).then(
        (s) => (s.destroy(), true),
        () => false,
      );
      if (live) {
        log('another mux serves this socket; leaving');
        return 0;
      }
      rmSync(socketPath, { force: true });
    }
  }
  process.on('SIGTERM', stop);
  process.on('SIGHUP', () => undefined);
  log(`listening on ${socketPath}, idle exit after ${idleMs / 1000}s`);
  return 0;
}
