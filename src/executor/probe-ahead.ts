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
    const probed = await this.remote.exec(buildProbesScript(all, prepare), { timeoutMs });
    const outputs = parseProbesOutput(this.remote.name, probed.stdout, all);
    later.forEach((l, i) => this.#readAhead.set(l.key, { epoch, probes: l.probes, output: outputs[i + 1]! }));
    return outputs[0]!;
  }

  /** The roles after `key` whose probes can be known now, up to the first that cannot. */
  #later(key: string): { key: string; probes: RoleProbes }[] {
    const at = this.upcoming.findIndex((u) => u.key === key);
    const out: { key: string; probes: RoleProbes }[] = [];
    if (at < 0) return out;
    for (const u of this.upcoming.slice(at + 1)) {
      try {
        out.push({ key: u.key, probes: u.probes() });
      } catch {
        break; // its own turn reports the error, under its own name
      }
    }
    return out;
  }
}
