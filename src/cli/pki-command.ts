// `orchestrate pki status [-i INV | --state-dir DIR] [--json]`: argv to src/pki/status, and the lines a human reads.

import { OrchestrateError } from '../errors.ts';
import { formatPkiStatus, pkiStatus, readManifest } from '../pki/index.ts';
import { ensureStateDir } from './state-dir.ts';
import { parseFlags } from './parse-flags.ts';

interface PkiIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const USAGE = `usage: orchestrate pki status [-i INVENTORY | --state-dir DIR] [--json] [--renew-window DAYS]
  status    every certificate of <state dir>/pki/manifest.json: SANs, expiry (days left), hosts
`;

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  'state-dir': { type: 'string' },
  json: { type: 'boolean' },
  'renew-window': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function bad(message: string): OrchestrateError {
  return new OrchestrateError('OPTIONS_INVALID', message, { fix: 'orchestrate pki --help' });
}

/** Runs `orchestrate pki ARGV...` (argv after "pki"); resolves to the exit status, throws typed errors. */
export async function pkiCommand(argv: string[], io: PkiIo, now: Date = new Date()): Promise<number> {
  // The subcommand and its arguments are operands: pki says which ones it takes.
  const { values: v, positionals } = parseFlags({ command: 'pki', options: OPTIONS, maxOperands: Infinity }, argv);
  const [sub, ...rest] = positionals;
  if (v.help || sub === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub !== 'status') throw bad(sub === undefined ? 'pki needs a command (status)' : `unknown pki command "${sub}"`);
  if (rest.length > 0) throw bad(`pki status takes no arguments (got ${rest.join(' ')})`);
  const window = v['renew-window'] === undefined ? 30 : Number(v['renew-window']);
  if (!Number.isInteger(window) || window < 0) throw bad(`--renew-window ${v['renew-window']}: expected whole days`);
  const stateDir = ensureStateDir(v['state-dir'], inventoryPath(v.inventory, v['state-dir']));
  const rows = pkiStatus(readManifest(stateDir), now, window);
  io.stdout.write(v.json ? JSON.stringify({ stateDir, certs: rows }, null, 2) + '\n' : formatPkiStatus(rows));
  return 0;
}

/** -i, else $ORCHESTRATE_INVENTORY; only --state-dir makes it optional (the state dir sits beside it). */
function inventoryPath(flag: string | undefined, stateDir: string | undefined): string {
  const path = flag ?? process.env['ORCHESTRATE_INVENTORY'];
  if (path !== undefined) return path;
  if (stateDir !== undefined) return stateDir;
  throw new OrchestrateError('OPTIONS_INVALID', 'no inventory and no state dir given', {
    fix: 'pass -i inventory/x.ts (the state dir is .orchestrate/ beside it) or --state-dir DIR',
  });
}
