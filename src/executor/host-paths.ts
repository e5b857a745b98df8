// Where the engine keeps its own bookkeeping on a host: a run option (tests point it at a temp dir).

import { sh } from '../shell/quote.ts';

export const HOST_STATE_DIR = '/var/lib/orchestrate';

/** The engine's files on a host: all under one state dir. */
export interface HostPaths {
  /** Default /var/lib/orchestrate. */
  readonly state: string;
  /** Handlers recorded as pending (durable across a crash between change and restart). */
  readonly pending: string;
  /** Each run's uploads before they are moved into place. */
  readonly stage: string;
  /** The host lock (flock). */
  readonly lock: string;
}

/** The paths under one state dir. */
export function hostPaths(state: string = HOST_STATE_DIR): HostPaths {
  return { state, pending: `${state}/pending`, stage: `${state}/stage`, lock: `${state}/lock` };
}

/** The paths every run uses unless told otherwise. */
export const DEFAULT_HOST_PATHS: HostPaths = hostPaths();

/** File that records a handler as pending (durable across a crash between change and restart). */
export function pendingFile(role: string, handler: string, paths: HostPaths = DEFAULT_HOST_PATHS): string {
  return `${paths.pending}/${slug(role)}--${slug(handler)}`;
}

/** A file-name-safe rendering of a name (role and handler names are free text). */
export function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80);
}

/** Staging dir for this run's uploads (removed by the apply script; stale ones aged out by the probe). */
export function stageDir(runId: string, paths: HostPaths = DEFAULT_HOST_PATHS): string {
  return `${paths.stage}/${slug(runId)}`;
}

/** Prepares the staging dir, writable by the login user when it is not root. */
export function prepareStageShell(runId: string, loginUser: string, paths: HostPaths = DEFAULT_HOST_PATHS): string {
  const dir = stageDir(runId, paths);
  const own = loginUser === 'root' ? '' : sh` && chown ${loginUser} ${dir}`;
  // One mkdir for both (each named dir gets the mode). A no-op run leaves its (empty) dir: the
  // sweep here bounds them to two hours' worth, as it bounds what killed runs leave.
  return (
    sh`mkdir -p -m 0700 ${paths.stage} ${dir}` +
    own +
    sh`; find ${paths.stage} -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null` +
    '; true'
  );
}
