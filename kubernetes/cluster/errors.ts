// The one error the cluster model throws: VARS_INVALID, naming the problem and the fix.

import { OrchestrateError } from 'orchestrate';

/** A cluster var problem found before any connection (exit 4). */
export function varsInvalid(message: string, fix: string, host?: string): OrchestrateError {
  return new OrchestrateError('VARS_INVALID', message, host === undefined ? { fix } : { fix, host });
}

/** zod issues as `cluster.api.port: expected number` lines. */
export function describeIssues(
  prefix: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues.map((i) => `${[prefix, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
}
