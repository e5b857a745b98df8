// Probing ahead: until a run has applied anything, a host's probe also carries the probes of its
// later roles. A later role uses that output only while nothing was applied anywhere since it was
// read (the apply epoch) and its probes are the very same text, so a no-op run costs one round trip
// per host instead of one per role, and a run that changes something probes afresh after the change.

import type { RemoteHost } from '../connection/types.ts';
import { buildProbesScript, parseProbesOutput, type ProbeOutput, type RoleProbes } from './probe-script.ts';

/** A role the host will run later in this run; its probes are computed on demand (throws: not yet knowable). */
export interface UpcomingRole {
  readonly key: string;
  readonly probes: () => RoleProbes;
}

/** Counts applies across the run, on every host: any apply makes what was read ahead stale. */
export class ApplyEpoch {
  #n = 0;
  get value(): number {
    return this.#n;
  }
  bump(): void {
    this.#n++;
  }
}

interface ReadAhead {
  readonly epoch: number;
  readonly probes: RoleProbes;
  readonly output: ProbeOutput;
}

const sameProbes = (a: RoleProbes, b: RoleProbes): boolean =>
  a.role === b.role &&
  a.items.length === b.items.length &&
  a.items.every((x, i) => x.key === b.items[i]!.key && x.probe === b.items[i]!.probe);

/** One host's probes for a run: read ahead while nothing has been applied, reused while still true. */
export class HostProber {
  readonly #readAhead = new Map<string, ReadAhead>();

  constructor(
    private readonly remote: RemoteHost,
    private readonly upcoming: readonly UpcomingRole[],
    private readonly epoch: ApplyEpoch,
    /** Where the host's pending-handler journal is read (HostPaths.pending). */
    private readonly pendingDir: string,
  ) {}

  /** The probe output of the role `key`: read ahead earlier and still valid, or probed now. */
  async probe(key: string, probes: RoleProbes, prepare: string, timeoutMs: number): Promise<ProbeOutput> {
    const hit = this.#readAhead.get(key);
    this.#readAhead.delete(key);
    if (hit && hit.epoch === this.epoch.value && sameProbes(hit.probes, probes)) return hit.output;
    this.#readAhead.clear();
    const epoch = this.epoch.value;
    const later = epoch === 0 ? this.#later(key) : [];
    const all = [probes, ...later.map((l) => l.probes)];
    const probed = await this.remote.exec(buildProbesScript(all, prepare, this.pendingDir), { timeoutMs });
    const outputs = parseProbesOutput(this.remote.name, probed.stdout, all);
    later.forEach((l, i) => this.#readAhead.set(l.key, { epoch, probes: l.probes, output: outputs[i + 1]! }));
    return outputs[0]!;
  }

  /**
   * The probe script of every role this host will run, to send along with the facts (one round trip
   * for both, sessions.ts); `keep` takes its output as read ahead. Probes computed now, before the
   * facts arrive (from the facts cache), are used only where a role's real probes are the same text,
   * as anything read ahead. undefined when nothing can be known yet or something was applied already.
   */
  ahead(prepare: string): { script: string; keep(stdout: string): void } | undefined {
    if (this.epoch.value !== 0 || this.upcoming.length === 0) return undefined;
    const all = this.#from(0);
    if (all.length === 0) return undefined;
    const epoch = this.epoch.value;
    return {
      script: buildProbesScript(
        all.map((a) => a.probes),
        prepare,
        this.pendingDir,
      ),
      keep: (stdout) => {
        const outputs = parseProbesOutput(
          this.remote.name,
          stdout,
          all.map((a) => a.probes),
        );
        all.forEach((a, i) => this.#readAhead.set(a.key, { epoch, probes: a.probes, output: outputs[i]! }));
      },
    };
  }

  /** The roles after `key` whose probes can be known now, up to the first that cannot. */
  #later(key: string): { key: string; probes: RoleProbes }[] {
    const at = this.upcoming.findIndex((u) => u.key === key);
    return at < 0 ? [] : this.#from(at + 1);
  }

  /** The roles from index `at` on whose probes can be known now, up to the first that cannot. */
  #from(at: number): { key: string; probes: RoleProbes }[] {
    const out: { key: string; probes: RoleProbes }[] = [];
    for (const u of this.upcoming.slice(at)) {
      try {
        out.push({ key: u.key, probes: u.probes() });
      } catch {
        break; // its own turn reports the error, under its own name
      }
    }
    return out;
  }
}
