// Typed errors: every failure the engine can name has a code; only src/cli maps codes to exit statuses.

/** Every code the engine names a failure with. */
export const ERROR_CODES = [
  'OPTIONS_INVALID', // bad CLI flags or values (exit 5)
  'INVENTORY_INVALID', // inventory parse/validation (exit 4)
  'PATTERN_INVALID', // --limit pattern that cannot be parsed or selects nothing (exit 5)
  'PLAYBOOK_INVALID', // playbook load, type check or shape (exit 4)
  'VARS_INVALID', // role vars / -e values failing their schema (exit 4)
  'STATE_DIR_INVALID', // state dir unreadable or too open (exit 4)
  'HOST_KEY_UNKNOWN', // strict mode and no known_hosts entry
  'HOST_KEY_MISMATCH', // known_hosts entry differs from the presented key
  'UNREACHABLE', // connect/auth failed or connection lost
  'REMOTE_TIMEOUT', // a remote step exceeded its timeout
  'BECOME_FAILED', // sudo -n refused (password required, not in sudoers)
  'LOCK_HELD', // another apply holds the host lock
  'TASK_FAILED', // a remote step exited non-zero
  'PROBE_INVALID', // a probe's output could not be parsed
  'PLAN_CONFLICT', // the host is in a state the module refuses to resolve (a directory where a file belongs)
  'HEALTH_GATE_FAILED', // a role's health gate never passed
  'LAB_ERROR', // local lab problems (not root, nspawn missing, already up)
  'BUILD_FAILED', // a program or image could not be built on this machine (no compiler, full disk, compile error)
  'INTERRUPTED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base class: a code, a message that names the problem and the fix, and the cause kept. */
export class OrchestrateError extends Error {
  readonly code: ErrorCode;
  readonly host: string | undefined;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, message: string, opts: { host?: string; fix?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OrchestrateError';
    this.code = code;
    this.host = opts.host;
    this.fix = opts.fix;
  }
}

/** True when err is an OrchestrateError (optionally of one of the given codes). */
export function isOrchestrateError(err: unknown, ...codes: ErrorCode[]): err is OrchestrateError {
  return err instanceof OrchestrateError && (codes.length === 0 || codes.includes(err.code));
}
