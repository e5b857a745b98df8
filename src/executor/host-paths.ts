// Where the engine keeps its own bookkeeping on a host.

import { sh } from '../shell/quote.ts';

export const HOST_STATE_DIR = '/var/lib/orchestrate';
export const PENDING_DIR = `${HOST_STATE_DIR}/pending`;
export const STAGE_DIR = `${HOST_STATE_DIR}/stage`;
export const LOCK_FILE = `${HOST_STATE_DIR}/lock`;

/** File that records a handler as pending (durable across a crash between change and restart). */
export function pendingFile(role: string, handler: string): string {
  return `${PENDING_DIR}/${slug(role)}--${slug(handler)}`;
}

/** A file-name-safe rendering of a name (role and handler names are free text). */
export function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80);
}

/** Staging dir for this run's uploads (removed by the apply script; stale ones aged out by the probe). */
export function stageDir(runId: string): string {
  return `${STAGE_DIR}/${slug(runId)}`;
}

/** Prepares the staging dir, writable by the login user when it is not root. */
export function prepareStageShell(runId: string, loginUser: string): string {
  const dir = stageDir(runId);
  const own = loginUser === 'root' ? '' : sh` && chown ${loginUser} ${dir}`;
  // One mkdir for both (each named dir gets the mode). A no-op run leaves its (empty) dir: the
  // sweep here bounds them to two hours' worth, as it bounds what killed runs leave.
  return (
    sh`mkdir -p -m 0700 ${STAGE_DIR} ${dir}` +
    own +
    sh`; find ${STAGE_DIR} -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null` +
    '; true'
  );
}
