// Connects many hosts at once, bounded by forks; every failure is kept per host, none thrown away.

import pLimit from 'p-limit';
import { OrchestrateError, isOrchestrateError } from '../errors.ts';
import type { Host } from '../inventory/types.ts';
import { mask } from '../secret.ts';
import { connect } from './connect.ts';
import type { ConnectOptions } from './options.ts';
import type { RemoteHost } from './types.ts';

export type Connections = Map<string, RemoteHost | OrchestrateError>;

/** Connects every host (at most `forks` handshakes at once); the map keeps inventory order. */
export async function connectAll(hosts: readonly Host[], opts: ConnectOptions, forks: number): Promise<Connections> {
  const limit = pLimit(Math.max(1, Math.floor(forks)));
  const results = await Promise.all(
    hosts.map((h) =>
      limit(async (): Promise<RemoteHost | OrchestrateError> => {
        try {
          return await connect(h, opts);
        } catch (err) {
          if (isOrchestrateError(err)) return err;
          return new OrchestrateError(
            'UNREACHABLE',
            `${h.name}: cannot connect: ${mask(err instanceof Error ? err.message : String(err))}`,
            {
              host: h.name,
              fix: 'check the host and its connection settings',
              cause: err,
            },
          );
        }
      }),
    ),
  );
  return new Map(hosts.map((h, i) => [h.name, results[i] as RemoteHost | OrchestrateError]));
}

/** Closes every open connection (releasing host locks); close errors are ignored. */
export async function closeAll(connections: Connections): Promise<void> {
  await Promise.all(
    [...connections.values()].map((c) =>
      c instanceof OrchestrateError ? undefined : c.close().catch(() => undefined),
    ),
  );
}
