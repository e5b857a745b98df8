// Turns any error into the masked {code, message, fix} shape that events and reports carry.

import type { ErrorInfo } from '../reporting/events.ts';
import { isOrchestrateError } from '../errors.ts';
import { mask } from '../secret.ts';

/** The report shape of an error; unknown errors keep their message under code INTERNAL. */
export function errorInfo(err: unknown): ErrorInfo {
  if (isOrchestrateError(err))
    return { code: err.code, message: mask(err.message), fix: err.fix === undefined ? undefined : mask(err.fix) };
  const e = err as Error;
  return {
    code: 'INTERNAL',
    message: mask(e?.stack ?? String(err)),
    fix: 'this is a bug in orchestrate: please report it with the run log',
  };
}
