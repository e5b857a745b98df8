// verify's model: smoke tests that run one after another on one host over one connection, each judged on
// this machine; unlike doctor's checks they may create objects (and the verifier's cleanup removes them).

import type { Host, Inventory } from '../inventory/types.ts';

/**
 * pass: shown to work; fail: shown broken; skipped: not run (a test it needs did not pass, or a tool is
 * missing); unverifiable: the system under test is not what it claims (e.g. a stand-in), so nothing is shown.
 */
export type Outcome = 'pass' | 'fail' | 'skipped' | 'unverifiable';

/** One test's conclusion. */
export interface TestResult {
  readonly test: string;
  readonly outcome: Outcome;
  /** One line: what was shown (or why not). */
  readonly summary: string;
  /** What was seen on the host that supports the summary. */
  readonly evidence: readonly string[];
  /** What to do about it; set for fail, skipped and unverifiable. */
  readonly fix: string | undefined;
  /** Seconds the test took on the host (0 when not run). */
  readonly seconds: number;
}

/** What a judge returns: the result (without test id and timing) and facts for the tests after it. */
export interface Judged<F> {
  readonly outcome: Outcome;
  readonly summary: string;
  readonly evidence?: readonly string[];
  readonly fix?: string;
  readonly facts?: Partial<F>;
}

/** A test's script declined to run: why, and how to make it run. */
export interface Skip {
  readonly skip: string;
  readonly fix: string;
}

/** What a verifier's context builder gets: the whole inventory, the state dir, how long tests may wait. */
export interface VerifyInput {
  readonly inventory: Inventory;
  readonly stateDir: string;
  /** Seconds a test may wait for the system to converge (a pod to run). */
  readonly waitSeconds: number;
}

/**
 * A smoke test: a shell script built from the context and the facts earlier tests found, and a pure judge of
 * its output split into sections (see sections.ts). `needs` names tests that must have passed first.
 */
export interface SmokeTest<C, F> {
  readonly id: string;
  readonly title: string;
  readonly needs?: readonly string[];
  /** Upper bound for the script on the host, in seconds. */
  timeoutSeconds(ctx: C): number;
  script(ctx: C, facts: Partial<F>): string | Skip;
  judge(sections: ReadonlyMap<string, string>, ctx: C, facts: Partial<F>): Judged<F>;
}

/** A verifier: its context, the host every test runs on, the tests in order, and the cleanup that always runs. */
export interface Verifier<C, F> {
  readonly name: string;
  context(input: VerifyInput): C;
  host(ctx: C, input: VerifyInput): Host;
  readonly tests: readonly SmokeTest<C, F>[];
  readonly cleanup: SmokeTest<C, F>;
}
