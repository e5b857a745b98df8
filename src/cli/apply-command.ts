// `orchestrate apply|plan`: load and check everything before any connection, run, report, exit.

import { randomBytes } from 'node:crypto';
import type { ApplyArgs } from './args.ts';
import { loadInventoryFor } from './inventory-source.ts';
import { ensureStateDir } from './state-dir.ts';
import { typecheck } from './typecheck.ts';
import { loadPlaybook } from './load-playbook.ts';
import { checkBeforeConnecting } from './check-before-connecting.ts';
import { exitCodeForRun, EXIT } from './exit-codes.ts';
import { attachReporters, type Io } from './reporters.ts';
import { runPlaybook } from '../executor/run-playbook.ts';
import { connect } from '../connection/connect.ts';
import { connectPersistent } from '../connection/mux/persistent.ts';
import { writeRetryFile } from '../reporting/run-log.ts';
import { failedHosts } from '../reporting/recap.ts';
import { join } from 'node:path';

/** Runs apply (or plan = --check --diff); returns the exit status. */
export async function applyCommand(args: ApplyArgs, io: Io): Promise<number> {
  const { inventory, path: invPath } = await loadInventoryFor(args.inventory, args.extraVars, args.acceptNewHostKeys);
  const stateDir = ensureStateDir(args.stateDir, invPath);
  await typecheck([args.playbook, ...(/\.(m?ts)$/.test(invPath) ? [invPath] : [])], join(stateDir, 'cache'));
  const playbook = await loadPlaybook(args.playbook);
  checkBeforeConnecting(args, inventory, playbook);
  const runId = `${new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const rep = await attachReporters({ args, io, stateDir, runId });
  const persist =
    args.persist > 0
      ? {
          stateDir,
          idleMs: args.persist * 1000,
          daemonArgv: [process.execPath, process.argv[1]!, '__mux'],
          warn: (m: string) => void io.stderr.write(`orchestrate: ${m}\n`),
        }
      : undefined;
  let sessions;
  try {
    ({ sessions } = await runPlaybook({
      inventory,
      playbook,
      limit: args.limit,
      roles: args.roles,
      tags: args.tags,
      skipTags: args.skipTags,
      check: args.check,
      diff: args.diff,
      forks: args.forks,
      stateDir,
      artifactsDir: args.artifactsDir,
      runId,
      lockWaitMs: args.lockWait * 1000,
      probeTimeoutMs: Math.min(args.timeout, 300) * 1000,
      applyTimeoutMs: args.timeout * 1000,
      connect: (host) => {
        const opts = {
          knownHostsFile: inventory.knownHostsFile,
          hostKeyPolicy: args.acceptNewHostKeys ? ('accept-new' as const) : inventory.hostKeyPolicy,
          runInfo: `orchestrate ${args.command} ${args.playbook} (pid ${process.pid}, run ${runId})`,
        };
        return persist ? connectPersistent(host, opts, persist) : connect(host, opts);
      },
      sink: rep.bus.emit,
    }));
  } catch (err) {
    await rep.end(undefined);
    throw err;
  }
  for (const [name, s] of sessions) rep.recap.setRoundTrips(name, s.remote?.execCount ?? 0);
  const recap = rep.recap.recap();
  recap.ok = Object.values(recap.hosts).every((h) => h.failed === 0 && !h.unreachable);
  await rep.end(recap);
  const failed = failedHosts(recap);
  const retry = writeRetryFile(stateDir, failed);
  if (retry && failed.length > 0 && !args.json) io.stderr.write(`retry the failed hosts with: --limit @${retry}\n`);
  const hosts = Object.values(recap.hosts);
  const status = exitCodeForRun(hosts.filter((h) => h.failed > 0).length, hosts.filter((h) => h.unreachable).length);
  if (status === EXIT.ok && args.detailedExitcode && recap.changes.length > 0) return 2;
  return status;
}
