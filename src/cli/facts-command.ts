// `orchestrate facts -l PATTERN`: gather facts (one round trip a host) and print them as JSON.

import { loadInventoryFor } from './inventory-source.ts';
import { ensureStateDir } from './state-dir.ts';
import { selectLimit } from '../executor/resolve-targets.ts';
import { checkSshFiles } from './check-ssh-files.ts';
import { openSessions, closeSessions } from '../executor/sessions.ts';
import { connect } from '../connection/connect.ts';
import { errorInfo } from '../executor/error-info.ts';
import type { Io } from './reporters.ts';
import type { RunEvent } from '../reporting/events.ts';
import { EXIT } from './exit-codes.ts';

/** Prints {"host": facts | {"error": ...}}; exit 3 when a host could not be reached. */
export async function factsCommand(
  cmd: {
    inventory: string | undefined;
    limit: string | undefined;
    stateDir: string | undefined;
    extraVars: string[];
    acceptNewHostKeys: boolean;
  },
  io: Io,
): Promise<number> {
  const { inventory, path } = await loadInventoryFor(cmd.inventory, cmd.extraVars);
  const stateDir = ensureStateDir(cmd.stateDir, path);
  const hosts = selectLimit(inventory, cmd.limit);
  checkSshFiles(inventory, hosts, cmd.acceptNewHostKeys);
  const errors = new Map<string, RunEvent>();
  const sessions = await openSessions(hosts, {
    connect: (h) =>
      connect(h, {
        knownHostsFile: inventory.knownHostsFile,
        hostKeyPolicy: cmd.acceptNewHostKeys ? 'accept-new' : inventory.hostKeyPolicy,
      }),
    forks: Math.min(64, Math.max(1, hosts.length)),
    lock: false,
    lockWaitMs: 0,
    stateDir,
    sink: (e) => {
      if (e.type === 'host-failed' || e.type === 'host-unreachable') errors.set(e.host, e);
    },
  });
  await closeSessions(sessions);
  const out: Record<string, unknown> = {};
  for (const [name, s] of sessions) {
    const e = errors.get(name);
    out[name] = s.facts ?? { error: e && 'error' in e ? e.error : errorInfo(new Error('no facts')) };
  }
  io.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return errors.size > 0 ? EXIT.unreachable : EXIT.ok;
}
