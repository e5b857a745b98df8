// One read-only script per host per role: every task's probe plus the pending-handler journal.

import { PENDING_DIR, slug } from './host-paths.ts';
import { stdinSafe } from './stdin-safe.ts';
import { markerShell, splitMarked } from './markers.ts';
import { OrchestrateError } from '../errors.ts';

export interface ProbeItem {
  readonly key: string; // 't3' for task 3, 'h1' for handler 1
  readonly probe: string;
}

/** Builds the batched probe script; `prepare` (apply mode only) runs first, e.g. the stage dir. */
export function buildProbeScript(role: string, items: readonly ProbeItem[], prepare = ''): string {
  const parts = ['umask 022'];
  if (prepare) parts.push(`{ ${prepare} ; } >/dev/null 2>&1`);
  // Probes are read-only, so one that repeats an earlier one (a handler restarting the service a
  // task manages) is not run again: its section names the first, whose output it shares.
  const first = new Map<string, string>();
  for (const item of items) {
    const same = first.get(item.probe);
    if (same !== undefined) parts.push(markerShell('same', item.key, same));
    else {
      first.set(item.probe, item.key);
      parts.push(markerShell('probe', item.key), `(\n${item.probe}\n)`);
    }
  }
  parts.push(
    markerShell('pending', 'journal'),
    `for f in ${PENDING_DIR}/${slug(role)}--*; do [ -f "$f" ] && cat "$f"; done 2>/dev/null`,
    markerShell('end', 'probe'),
    'exit 0',
  );
  return stdinSafe(parts);
}

export interface ProbeOutput {
  readonly byKey: ReadonlyMap<string, string>;
  /** Handler names recorded as pending on the host by an earlier, interrupted run. */
  readonly pending: readonly string[];
}

/** Splits the probe script's stdout back into per-task outputs. */
export function parseProbeOutput(host: string, stdout: string): ProbeOutput {
  const { sections } = splitMarked(stdout);
  const byKey = new Map<string, string>();
  let pending: string[] | undefined;
  let ended = false;
  for (const s of sections) {
    if (s.kind === 'probe') byKey.set(s.id, s.body);
    else if (s.kind === 'same' && byKey.has(s.extra)) byKey.set(s.id, byKey.get(s.extra)!);
    else if (s.kind === 'pending') pending = s.body.split('\n').filter((l) => l.trim() !== '');
    else if (s.kind === 'end') ended = true;
  }
  if (!ended || pending === undefined) {
    throw new OrchestrateError('PROBE_INVALID', `the probe script on ${host} did not run to its end`, {
      host,
      fix: 'check that /bin/sh works for the login user and that nothing on the host prints to stdout at login',
    });
  }
  return { byKey, pending };
}
