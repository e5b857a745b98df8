// Gathers a host's facts in one round trip: one exec of the gather script, then the pure parse.

import { OrchestrateError } from '../errors.ts';
import type { Facts } from './types.ts';
import { factsScript } from './script.ts';
import { parseFacts } from './parse.ts';

/** What gathering needs of a connection (RemoteHost satisfies it); name only labels errors. */
export interface FactsRemote {
  readonly name?: string;
  exec(script: string): Promise<{ stdout: string; stderr: string; code: number | null }>;
}

/** Runs the gather script once and parses it; a failed run keeps its exit code and stderr in the error. */
export async function gatherFacts(remote: FactsRemote, now: () => Date = () => new Date()): Promise<Facts> {
  const res = await remote.exec(factsScript());
  try {
    return parseFacts(res.stdout, now());
  } catch (err) {
    if (!(err instanceof OrchestrateError)) throw err;
    const stderr = res.stderr.trim().split('\n').slice(-3).join(' | ');
    const exit =
      res.code === 0 ? '' : ` (gather script exited ${res.code ?? 'by a signal'}${stderr ? `: ${stderr}` : ''})`;
    const where = remote.name === undefined ? '' : `${remote.name}: `;
    throw new OrchestrateError('PROBE_INVALID', `${where}${err.message}${exit}`, {
      ...(remote.name === undefined ? {} : { host: remote.name }),
      ...(err.fix === undefined ? {} : { fix: err.fix }),
      cause: err,
    });
  }
}
