// Runs a verifier: context first (bad vars stop here), one connection to its host, the tests in order
// (each one exec), then the cleanup, always, unless the connection is gone.

import type { Host } from '../inventory/types.ts';
import type { RemoteHost } from '../connection/types.ts';
import { errorInfo } from '../executor/error-info.ts';
import { isOrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';
import { isSkip } from './define.ts';
import { splitSections } from './sections.ts';
import type { Judged, Outcome, SmokeTest, TestResult, Verifier, VerifyInput } from './types.ts';

export interface VerifyOptions {
  readonly connect: (host: Host) => Promise<RemoteHost>;
}

export interface VerifyReport {
  readonly verifier: string;
  /** The host every test ran on. */
  readonly host: string;
  /** The tests in order, then the cleanup. */
  readonly results: readonly TestResult[];
  /** Exec round trips on the one connection. */
  readonly roundTrips: number;
}

/** Sections every judge also gets: the script's stderr and exit status (names no marker can make). */
export const STDERR = '#stderr';
export const EXIT_STATUS = '#exit';

/** Runs every test on the verifier's host; throws only before any test ran (context, connection). */
export async function runVerify<C, F>(
  verifier: Verifier<C, F>,
  input: VerifyInput,
  opts: VerifyOptions,
): Promise<VerifyReport> {
  const ctx = verifier.context(input);
  const host = verifier.host(ctx, input);
  const remote = await opts.connect(host);
  const facts: Partial<F> = {};
  const results: TestResult[] = [];
  let lost: string | undefined;
  const run = async (test: SmokeTest<C, F>): Promise<TestResult> => {
    const done = (j: Judged<F>, seconds = 0): TestResult => ({
      test: test.id,
      outcome: j.outcome,
      summary: mask(j.summary),
      evidence: (j.evidence ?? []).map((l) => mask(l.trimEnd())).filter((l) => l.trim() !== ''),
      fix: j.fix === undefined ? undefined : mask(j.fix),
      seconds,
    });
    if (lost !== undefined)
      return done({ outcome: 'skipped', summary: `not run: the connection to ${host.name} was lost`, fix: lost });
    for (const id of test.needs ?? []) {
      const need = results.find((r) => r.test === id);
      if (need === undefined)
        return done({ outcome: 'fail', summary: `needs ${id}, which does not run before it`, fix: BUG });
      if (need.outcome !== 'pass')
        return done({
          outcome: 'skipped',
          summary: `needs ${id}, which ${NEEDS_WORDS[need.outcome]}`,
          fix: `see ${id} above`,
        });
    }
    let script: ReturnType<SmokeTest<C, F>['script']>;
    try {
      script = test.script(ctx, facts);
    } catch (err) {
      return done({ outcome: 'fail', summary: `the test could not be built: ${errorInfo(err).message}`, fix: BUG });
    }
    if (isSkip(script)) return done({ outcome: 'skipped', summary: script.skip, fix: script.fix });
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    const limit = test.timeoutSeconds(ctx);
    let sections: Map<string, string>;
    try {
      const r = await remote.exec(script, { timeoutMs: limit * 1000 });
      sections = splitSections(r.stdout);
      sections.set(STDERR, r.stderr);
      sections.set(EXIT_STATUS, String(r.code ?? r.signal));
    } catch (err) {
      const info = errorInfo(err);
      if (isOrchestrateError(err, 'UNREACHABLE')) lost = info.message;
      const timedOut = isOrchestrateError(err, 'REMOTE_TIMEOUT');
      return done(
        {
          outcome: 'fail',
          summary: timedOut ? `did not finish within ${limit} s on ${host.name}` : info.message,
          fix: info.fix ?? `run it again; if it persists, check ${host.name}`,
        },
        seconds(),
      );
    }
    try {
      const judged = test.judge(sections, ctx, facts);
      Object.assign(facts, judged.facts ?? {});
      return done(judged, seconds());
    } catch (err) {
      return done(
        { outcome: 'fail', summary: `the test itself failed: ${errorInfo(err).message}`, fix: BUG },
        seconds(),
      );
    }
  };
  try {
    for (const test of verifier.tests) results.push(await run(test));
    results.push(await run(verifier.cleanup));
  } finally {
    await remote.close().catch(() => undefined);
  }
  return { verifier: verifier.name, host: host.name, results, roundTrips: remote.execCount };
}

const BUG = 'this is a bug in the test: report it with the output of orchestrate verify --json';

const NEEDS_WORDS: Record<Outcome, string> = {
  pass: 'passed',
  fail: 'failed',
  skipped: 'was skipped',
  unverifiable: 'could not be verified',
};

/** 0: every test passed; 1: none failed but some were skipped (not shown to work); 2: a failure or "cannot verify". */
export function verifyStatus(results: readonly TestResult[]): 0 | 1 | 2 {
  if (results.some((r) => r.outcome === 'fail' || r.outcome === 'unverifiable')) return 2;
  return results.some((r) => r.outcome === 'skipped') ? 1 : 0;
}
