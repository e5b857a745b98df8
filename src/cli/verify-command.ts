// `orchestrate verify [-i INV] [--json]`: a verify module's smoke tests, run in order over one SSH connection.

import { defaultModuleHelp, hostConnector, loadModuleExport, modulePath, type ModuleKind } from './module-command.ts';
import { parseFlags } from './parse-flags.ts';
import { OrchestrateError } from '../errors.ts';
import { formatVerifyReport, runVerify, verifyStatus, type Verifier } from '../verify/index.ts';
import { loadInventoryFor } from './inventory-source.ts';
import { ensureStateDir } from './state-dir.ts';
import type { Io } from './reporters.ts';

const USAGE = `usage: orchestrate verify [-i INVENTORY] [--json] [-e VARS] [--state-dir DIR] [--wait SECS]
                          [--tests FILE] [--accept-new-host-keys]
  A verify module's smoke tests, run in order on one host over one SSH connection; each says pass, FAIL,
  skip or CANNOT VERIFY with its evidence. A verify module may create objects (its cleanup removes them).
  Exit 0: every test passed; 1: none failed, but some were skipped (not shown to work);
  2: a test failed or the system could not be verified; 3: the host the tests run on is unreachable.
  --wait SECS     how long a test may wait for the system to converge (default 180)
  --tests FILE    the verify module (default: the one an extension of this installation offers)
`;

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  'state-dir': { type: 'string' },
  'accept-new-host-keys': { type: 'boolean' },
  json: { type: 'boolean' },
  tests: { type: 'string' },
  wait: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const bad = (message: string) => new OrchestrateError('OPTIONS_INVALID', message, { fix: 'orchestrate verify --help' });

/** Runs `orchestrate verify ARGV...`; resolves to 0, 1 or 2 (or throws a typed error before any test ran). */
export async function verifyCommand(argv: readonly string[], io: Io): Promise<number> {
  const v = parseFlags({ command: 'verify', options: OPTIONS, maxOperands: 0 }, argv).values;
  if (v.help) {
    io.stdout.write(USAGE + (await defaultModuleHelp('verify')));
    return 0;
  }
  const wait = v.wait ?? '180';
  if (!/^\d+$/.test(wait) || Number(wait) < 10 || Number(wait) > 3600)
    throw bad(`--wait ${wait}: expected a whole number of seconds from 10 to 3600`);
  const verifier = await loadModuleExport(await modulePath(v.tests, 'verify', VERIFY_MODULE), VERIFY_MODULE);
  const { inventory, path } = await loadInventoryFor(v.inventory, v['extra-vars'] ?? []);
  const stateDir = ensureStateDir(v['state-dir'], path);
  const report = await runVerify(
    verifier,
    { inventory, stateDir, waitSeconds: Number(wait) },
    {
      connect: hostConnector(inventory, v['accept-new-host-keys']),
    },
  );
  const status = verifyStatus(report.results);
  io.stdout.write(
    v.json
      ? JSON.stringify({ status, ...report }, null, 2) + '\n'
      : formatVerifyReport(report, [...verifier.tests, verifier.cleanup]),
  );
  return status;
}

const VERIFY_MODULE: ModuleKind<Verifier<unknown, unknown>> = {
  what: 'verify module',
  flag: '--tests',
  example: 'defineVerifier({ name, context, host, tests: [...], cleanup })',
  valid: (d): d is Verifier<unknown, unknown> => {
    const v = d as Verifier<unknown, unknown> | undefined;
    return (
      typeof v === 'object' && v !== null && Array.isArray(v.tests) && typeof v.context === 'function' && !!v.cleanup
    );
  },
};
