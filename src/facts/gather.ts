// Gathers a host's facts in one round trip: one exec of the gather script, then the pure parse.

import { randomBytes } from 'node:crypto';
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
  return (await gatherFactsThen(remote, undefined, now)).facts;
}

/**
 * Gathers facts and, in the same round trip, runs `then` (a whole script) after them: its stdout
 * comes back apart, split at a line with a random mark (no fact file can hold it).
 */
export async function gatherFactsThen(
  remote: FactsRemote,
  then: string | undefined,
  now: () => Date = () => new Date(),
): Promise<{ facts: Facts; then: string | undefined }> {
  const mark = `@@then-${randomBytes(8).toString('hex')}`;
  const res = await remote.exec(factsScript(then === undefined ? '' : `printf '\\n%s\\n' ${mark}\n${then}`));
  const at = then === undefined ? -1 : res.stdout.indexOf(`\n${mark}\n`);
  const factsOut = at < 0 ? res.stdout : res.stdout.slice(0, at);
  const thenOut = at < 0 ? undefined : res.stdout.slice(at + mark.length + 2);
  try {
    return { facts: parseFacts(factsOut, now()), then: thenOut };
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
