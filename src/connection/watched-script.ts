// The command every exec runs: the script is read whole from stdin, then run under GNU timeout while
// a watchdog holds stdin open; when the connection dies, sshd closes stdin and the watchdog stops the
// script, so a killed run leaves nothing running behind the host lock it no longer holds.

import { raw, sh } from '../shell/quote.ts';
import { needsSudo } from './become.ts';

/** Exit status when the script did not arrive whole (the connection died while sending it). */
export const TRUNCATED_EXIT = 125;

/** Ends every script as sent (a comment, last line, no newline): without it, the script did not arrive whole. */
export const TRAILER = '\n#orchestrate-end';

/** The script as sent on stdin; its length, trailer included, goes into scriptCommand. */
export function withTrailer(script: string): string {
  return script + TRAILER;
}

/**
 * The shell that runs a script of `bytes` bytes (trailer included, see withTrailer): nothing runs
 * unless all of it arrived; the remote limit is 1 s past the local one, which fires first;
 * `timeout` is its own process group, so TERM from the watchdog (or its own expiry) reaches the
 * whole tree, and KILL follows 5 s later. Builtins only, but for head, timeout and cat.
 */
export function watchedScriptShell(bytes: number, timeoutMs: number): string {
  const secs = Math.ceil(timeoutMs / 1000) + 1;
  return [
    'exec 3<&0',
    // The trailer has no final newline, so the command substitution strips none of the script.
    sh`s=$(head -c ${bytes})`,
    sh`case $s in *${TRAILER.trim()}) ;; *) echo "orchestrate: the script arrived truncated; nothing was run" >&2; exit ${TRUNCATED_EXIT} ;; esac`,
    sh`printf %s "$s" | timeout -k 5 ${secs} sh -s 3<&- & p=$!`,
    // Our stdin ends when the channel closes: after the script (harmless) or with the connection.
    '{ cat <&3; kill -TERM "$p"; } >/dev/null 2>&1 & w=$!',
    'exec 3<&-',
    'wait "$p"; rc=$?; kill "$w" 2>/dev/null; exit "$rc"',
  ].join('\n');
}

/** The exec command line for a script of `bytes` bytes, wrapped in `sudo -n --` when becoming. */
export function scriptCommand(user: string, become: boolean, timeoutMs: number, bytes: number): string {
  const run = sh`sh -c ${watchedScriptShell(bytes, timeoutMs)}`;
  return needsSudo(user, become) ? sh`sudo -n -- ${raw(run)}` : run;
}
