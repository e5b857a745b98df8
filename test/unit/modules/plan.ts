// Planning helpers of the module tests: the plan contexts (with and without --diff) and steps as short strings.

import type { PlanContext, Step } from '../../../src/modules/types.ts';

export const CHECK: PlanContext = { facts: undefined, diff: false };
export const DIFF: PlanContext = { facts: undefined, diff: true };

/** A step list as short strings, for readable assertions. */
export function summaries(steps: readonly Step[]): string[] {
  return steps.map((s) => (s.kind === 'run' ? `run: ${s.script}` : `write: ${s.path} ${s.mode}`));
}
