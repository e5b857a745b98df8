// defineSmokeTest / defineVerifier: identity functions that give editors and tsc the full types.

import type { SmokeTest, Skip, Verifier } from './types.ts';

/** A typed smoke test. */
export function defineSmokeTest<C, F>(test: SmokeTest<C, F>): SmokeTest<C, F> {
  return test;
}

/** A typed verifier (the default export of a verify module, the file `orchestrate verify --tests` loads). */
export function defineVerifier<C, F>(verifier: Verifier<C, F>): Verifier<C, F> {
  return verifier;
}

/** True when a script builder (or a helper of one) declined to run. */
export function isSkip<T>(s: T | Skip): s is Skip {
  return typeof s === 'object' && s !== null && 'skip' in s;
}
