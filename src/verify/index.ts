// The verify engine: generic smoke tests run in order over one SSH connection; the tests live in a verify module (--tests).

export type { Judged, Outcome, Skip, SmokeTest, TestResult, Verifier, VerifyInput } from './types.ts';
export { defineSmokeTest, defineVerifier, isSkip } from './define.ts';
export { runVerify, verifyStatus, STDERR, EXIT_STATUS } from './run-verify.ts';
export type { VerifyOptions, VerifyReport } from './run-verify.ts';
export { formatVerifyReport } from './format.ts';
export { sectionMarker, splitSections } from './sections.ts';
