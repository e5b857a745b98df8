// The doctor's model: read-only checks that probe hosts in one round trip and judge the outputs on this machine.

import type { Host, Inventory } from '../inventory/types.ts';

/** ok: nothing wrong; warn: suspicious but working; fail: broken, with the fix. */
export type Verdict = 'ok' | 'warn' | 'fail';

/** One conclusion of one check, about one host (or the cluster when host is undefined). */
export interface Finding {
  readonly check: string;
  readonly host: string | undefined;
  readonly verdict: Verdict;
  /** One line: what is wrong (or right). */
  readonly summary: string;
  /** What was seen on the hosts that supports the summary (command output, file lines). */
  readonly evidence: readonly string[];
  /** What to do about it; always set for warn and fail. */
  readonly fix: string | undefined;
}

/** What a doctor's context builder gets: the whole inventory (never narrowed by --limit) and the state dir. */
export interface DoctorInput {
  readonly inventory: Inventory;
  readonly stateDir: string;
  /** The hosts --limit selected: checks probe and judge only these. */
  readonly targets: readonly Host[];
}

/** A probe's result on one host: its output, or why there is none. */
export type ProbeOutput = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/**
 * A check: a read-only shell snippet per host (undefined = not for this host) and a pure judge of the outputs.
 * The snippet runs in a subshell with stdin from /dev/null and must change nothing on the host.
 */
export interface Check<C> {
  readonly id: string;
  readonly title: string;
  probe(host: Host, ctx: C): string | undefined;
  /** Outputs of the hosts it probed, keyed by host name. */
  judge(outputs: ReadonlyMap<string, ProbeOutput>, ctx: C): Finding[];
}

/** A doctor: how to build the checks' context, and the checks in report order. */
export interface Doctor<C> {
  readonly name: string;
  context(input: DoctorInput): C;
  readonly checks: readonly Check<C>[];
}
