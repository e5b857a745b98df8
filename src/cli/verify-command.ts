// `orchestrate verify [-i INV] [--json]`: a verify module's smoke tests, run in order over one SSH connection.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OrchestrateError } from '../errors.ts';
import { connect } from '../connection/connect.ts';
import { formatVerifyReport, runVerify, verifyStatus, type Verifier } from '../verify/index.ts';
import { loadInventoryFor } from './inventory-source.ts';
import { ensureStateDir } from './state-dir.ts';
import type { Io } from './reporters.ts';

const USAGE = `usage: orchestrate verify [-i INVENTORY] [--json] [-e VARS] [--state-dir DIR] [--wait SECS]
                          [--tests FILE] [--accept-new-host-keys]
  The smoke tests of a running cluster (encryption at rest read back from etcd, a Deployment, port-forward,
  logs, exec, a NodePort Service, DNS from a pod), run from the first controller; each says pass, FAIL,
  skip or CANNOT VERIFY with its evidence.
  NOT read-only: verify creates objects in namespace orchestrate-verify (a Secret, a Deployment, a Service,
  a Pod) and deletes that namespace at the end. It pulls an image on the workers (nginx:1.27, or
  -e verify_image=REF: it must serve HTTP on port 80 and have sh).
  port-forward and exec need kubectl on the first controller; without it they are skipped.
  An API whose gitVersion is not an upstream release and that never schedules a pod answers like a test
  double: verify says CANNOT VERIFY instead of passing.
  Exit 0: every test passed; 1: none failed, but some were skipped (not shown to work);
  2: a test failed or the cluster could not be verified; 3: the first controller is unreachable.
  --wait SECS     how long a pod may take to run, image pull included (default 180)
  --tests FILE    the verify module (default: playbooks/verify.ts of this installation)
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
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true });
  } catch (err) {
    throw bad((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const wait = v.wait ?? '180';
  if (!/^\d+$/.test(wait) || Number(wait) < 10 || Number(wait) > 3600)
    throw bad(`--wait ${wait}: expected a whole number of seconds from 10 to 3600`);
  const verifier = await loadVerifier(v.tests ?? fileURLToPath(new URL('../../playbooks/verify.ts', import.meta.url)));
  const { inventory, path } = await loadInventoryFor(v.inventory, v['extra-vars'] ?? []);
  const stateDir = ensureStateDir(v['state-dir'], path);
  const report = await runVerify(
    verifier,
    { inventory, stateDir, waitSeconds: Number(wait) },
    {
      connect: (h) =>
        connect(h, {
          knownHostsFile: inventory.knownHostsFile,
          hostKeyPolicy: v['accept-new-host-keys'] ? 'accept-new' : inventory.hostKeyPolicy,
        }),
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

/** Imports a verify module's default export (made by defineVerifier). */
async function loadVerifier(path: string): Promise<Verifier<unknown, unknown>> {
  const abs = resolve(path);
  if (!existsSync(abs))
    throw new OrchestrateError('PLAYBOOK_INVALID', `verify module ${path} does not exist`, {
      fix: 'pass --tests FILE with a module whose default export is defineVerifier({...})',
    });
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (err) {
    throw new OrchestrateError('PLAYBOOK_INVALID', `verify module ${path} failed to load: ${(err as Error).message}`, {
      fix: 'fix the error above in the module or a test it imports',
      cause: err,
    });
  }
  const d = mod.default as Verifier<unknown, unknown> | undefined;
  if (!d || typeof d !== 'object' || !Array.isArray(d.tests) || typeof d.context !== 'function' || !d.cleanup)
    throw new OrchestrateError('PLAYBOOK_INVALID', `${path} has no default export made by defineVerifier()`, {
      fix: 'end the file with: export default defineVerifier({ name, context, host, tests: [...], cleanup })',
    });
  return d;
}
