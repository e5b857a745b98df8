// `orchestrate doctor [-i INV] [-l PATTERN] [--json]`: the read-only checks of a doctor module over SSH.

import { defaultModuleHelp, hostConnector, loadModuleExport, modulePath, type ModuleKind } from './module-command.ts';
import { parseFlags } from './parse-flags.ts';
import { OrchestrateError } from '../errors.ts';
import { doctorStatus, formatDoctorReport, runDoctor, type Doctor } from '../doctor/index.ts';
import { loadInventoryFor } from './inventory-source.ts';
import { ensureStateDir } from './state-dir.ts';
import { selectLimit } from '../executor/resolve-targets.ts';
import type { Io } from './reporters.ts';

const USAGE = `usage: orchestrate doctor [-i INVENTORY] [-l PATTERN] [--json] [-e VARS] [--state-dir DIR]
                          [--checks FILE] [-f FORKS] [--timeout SECS] [--accept-new-host-keys]
  Read-only checks of a doctor module over SSH; each says ok, WARN or FAIL with the evidence and the fix.
  Nothing on the hosts changes. Exit 0: all ok; 1: warnings only; 2: a failure.
  --checks FILE   the doctor module (default: the one an extension of this installation offers)
`;

const OPTIONS = {
  inventory: { type: 'string', short: 'i' },
  limit: { type: 'string', short: 'l' },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  'state-dir': { type: 'string' },
  'accept-new-host-keys': { type: 'boolean' },
  json: { type: 'boolean' },
  checks: { type: 'string' },
  forks: { type: 'string', short: 'f' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const bad = (message: string) => new OrchestrateError('OPTIONS_INVALID', message, { fix: 'orchestrate doctor --help' });

/** Runs `orchestrate doctor ARGV...`; resolves to 0, 1 or 2 (or throws a typed error before any connection). */
export async function doctorCommand(argv: readonly string[], io: Io): Promise<number> {
  const v = parseFlags({ command: 'doctor', options: OPTIONS, maxOperands: 0 }, argv).values;
  if (v.help) {
    io.stdout.write(USAGE + (await defaultModuleHelp('doctor')));
    return 0;
  }
  const forks = wholeNumber('--forks', v.forks, 64, 1, 1000);
  const timeout = wholeNumber('--timeout', v.timeout, 60, 1, 3600);
  const doctor = await loadModuleExport(await modulePath(v.checks, 'doctor', DOCTOR_MODULE), DOCTOR_MODULE);
  const { inventory, path } = await loadInventoryFor(v.inventory, v['extra-vars'] ?? []);
  const stateDir = ensureStateDir(v['state-dir'], path);
  const targets = selectLimit(inventory, v.limit);
  const report = await runDoctor(
    doctor,
    { inventory, stateDir, targets },
    {
      connect: hostConnector(inventory, v['accept-new-host-keys']),
      forks,
      timeoutMs: timeout * 1000,
    },
  );
  const status = doctorStatus(report.findings);
  io.stdout.write(
    v.json ? JSON.stringify({ status, ...report }, null, 2) + '\n' : formatDoctorReport(report, doctor.checks),
  );
  return status;
}

function wholeNumber(flag: string, value: string | undefined, dflt: number, min: number, max: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw bad(`${flag} ${value}: expected a whole number from ${min} to ${max}`);
  return n;
}

const DOCTOR_MODULE: ModuleKind<Doctor<unknown>> = {
  what: 'doctor module',
  flag: '--checks',
  example: 'defineDoctor({ name, context, checks: [...] })',
  valid: (d): d is Doctor<unknown> =>
    typeof d === 'object' &&
    d !== null &&
    Array.isArray((d as Doctor<unknown>).checks) &&
    typeof (d as Doctor<unknown>).context === 'function',
};
