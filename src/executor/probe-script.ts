// One read-only script per host per round trip: every task's probe plus the pending-handler journal,
// for one role or (probing ahead, probe-ahead.ts) for that role and the host's later roles.

import { DEFAULT_HOST_PATHS, slug } from './host-paths.ts';
import { stdinSafe } from './stdin-safe.ts';
import { markerShell, splitMarked } from './markers.ts';
import { OrchestrateError } from '../errors.ts';
import { quote } from '../shell/quote.ts';
import { batchReads, splitBatches, withoutReads, withReads } from '../modules/shared-read.ts';

export interface ProbeItem {
  readonly key: string; // 't3' for task 3, 'h1' for handler 1
  readonly probe: string;
}

/** The probes of one role. */
export interface RoleProbes {
  readonly role: string;
  readonly items: readonly ProbeItem[];
}

const probeTexts = (roles: readonly RoleProbes[]): string[] => roles.flatMap((r) => r.items.map((i) => i.probe));

/**
 * The probe script of one or more roles: sections keyed `<role index>.<key>`, one journal per role;
 * `prepare` (apply mode only) runs first, e.g. the stage dir, then every shared read the probes ask
 * for, once each (modules/shared-read.ts). The journal is read from `pendingDir`.
 */
export function buildProbesScript(
  roles: readonly RoleProbes[],
  prepare = '',
  pendingDir: string = DEFAULT_HOST_PATHS.pending,
): string {
  const parts = ['umask 022'];
  if (prepare) parts.push(`{ ${prepare} ; } >/dev/null 2>&1`);
  batchReads(probeTexts(roles)).forEach((b, i) => parts.push(markerShell('read', i), `(\n${b.read.script(b.args)}\n)`));
  // Probes are read-only, so one that repeats an earlier one (a handler restarting the service a
  // task manages) is not run again: its section names the first, whose output it shares.
  const first = new Map<string, string>();
  roles.forEach((r, i) => {
    for (const item of r.items) {
      const key = `${i}.${item.key}`;
      const same = first.get(item.probe);
      if (same !== undefined) parts.push(markerShell('same', key, same));
      else {
        first.set(item.probe, key);
        const own = withoutReads(item.probe);
        parts.push(markerShell('probe', key), ...(own.trim() === '' ? [] : [`(\n${own}\n)`]));
      }
    }
    parts.push(
      markerShell('pending', i),
      `for f in ${quote(pendingDir)}/${slug(r.role)}--*; do [ -f "$f" ] && cat "$f"; done 2>/dev/null`,
    );
  });
  parts.push(markerShell('end', 'probe'), 'exit 0');
  return stdinSafe(parts);
}

export interface ProbeOutput {
  readonly byKey: ReadonlyMap<string, string>;
  /** Handler names recorded as pending on the host by an earlier, interrupted run. */
  readonly pending: readonly string[];
}

/** Splits a several-role probe script's stdout into one ProbeOutput per role (in order), shared reads appended. */
export function parseProbesOutput(host: string, stdout: string, roles: readonly RoleProbes[]): ProbeOutput[] {
  const { sections } = splitMarked(stdout);
  const all = new Map<string, string>();
  const pending = new Map<number, string[]>();
  const reads = new Map<number, string>();
  let ended = false;
  for (const s of sections) {
    if (s.kind === 'probe') all.set(s.id, s.body);
    else if (s.kind === 'read') reads.set(Number(s.id), s.body);
    else if (s.kind === 'same' && all.has(s.extra)) all.set(s.id, all.get(s.extra)!);
    else if (s.kind === 'pending')
      pending.set(
        Number(s.id),
        s.body.split('\n').filter((l) => l.trim() !== ''),
      );
    else if (s.kind === 'end') ended = true;
  }
  if (!ended || pending.size !== roles.length) {
    throw new OrchestrateError('PROBE_INVALID', `the probe script on ${host} did not run to its end`, {
      host,
      fix: 'check that /bin/sh works for the login user and that nothing on the host prints to stdout at login',
    });
  }
  const batches = batchReads(probeTexts(roles));
  const shared = splitBatches(
    host,
    batches,
    batches.map((_, i) => reads.get(i)),
  );
  return roles.map((r, i) => {
    const byKey = new Map<string, string>();
    for (const item of r.items) {
      const own = all.get(`${i}.${item.key}`);
      if (own !== undefined) byKey.set(item.key, withReads(item.probe, own, shared));
    }
    return { byKey, pending: pending.get(i) ?? [] };
  });
}
