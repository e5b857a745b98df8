// Exit statuses as ansible-playbook: the only mapping from error codes to process exits.

import type { ErrorCode } from '../errors.ts';

export const EXIT = { ok: 0, error: 1, hostFailed: 2, unreachable: 3, parse: 4, options: 5, interrupted: 99 } as const;

/** Exit status for an error that stopped the whole run. */
export function exitCodeFor(code: ErrorCode | 'INTERNAL'): number {
  switch (code) {
    case 'OPTIONS_INVALID':
    case 'PATTERN_INVALID':
      return EXIT.options;
    case 'INVENTORY_INVALID':
    case 'PLAYBOOK_INVALID':
    case 'VARS_INVALID':
    case 'STATE_DIR_INVALID':
      return EXIT.parse;
    case 'UNREACHABLE':
    case 'HOST_KEY_UNKNOWN':
    case 'HOST_KEY_MISMATCH':
      return EXIT.unreachable;
    case 'INTERRUPTED':
      return EXIT.interrupted;
    default:
      return EXIT.error;
  }
}

/** Exit status of a finished run: a failed host wins over an unreachable one. */
export function exitCodeForRun(failed: number, unreachable: number): number {
  if (failed > 0) return EXIT.hostFailed;
  if (unreachable > 0) return EXIT.unreachable;
  return EXIT.ok;
}
