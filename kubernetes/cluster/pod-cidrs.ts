// Per-worker pod CIDRs: explicit ones respected, others assigned once and kept stable (pure; see pod-cidr-store.ts).

import { cidrProblem, containsCidr, formatCidr, overlaps, parseCidr, subnet, subnetCount, type Cidr } from './cidr.ts';
import { varsInvalid } from './errors.ts';

/** One worker: its name and its explicit pod_cidr host var, if any. */
export interface PodCidrWorker {
  readonly name: string;
  readonly explicit: string | undefined;
}

/** What the assignment reads: the workers in inventory order, and the assignments kept from earlier runs. */
export interface PodCidrInput {
  readonly workers: readonly PodCidrWorker[];
  /** A valid CIDR (checked by the caller). */
  readonly clusterCidr: string;
  readonly maskSize: number;
  readonly persisted: Readonly<Record<string, string>>;
  /** Named in messages: where the persisted assignments live. */
  readonly storeName: string;
}

/** Each current worker's pod CIDR, and the record to persist (also keeping removed workers' reservations). */
export interface PodCidrResult {
  readonly assigned: ReadonlyMap<string, string>;
  readonly record: Readonly<Record<string, string>>;
}

interface Owned {
  readonly owner: string;
  readonly cidr: Cidr;
}

function explicitCidrs(input: PodCidrInput, cluster: Cidr): Owned[] {
  const out: Owned[] = [];
  for (const w of input.workers) {
    if (w.explicit === undefined) continue;
    const problem = cidrProblem(w.explicit);
    if (problem !== undefined)
      throw varsInvalid(`pod_cidr "${w.explicit}" of ${w.name}: ${problem}`, `fix pod_cidr of ${w.name}`, w.name);
    const cidr = parseCidr(w.explicit)!;
    if (!containsCidr(cluster, cidr))
      throw varsInvalid(
        `pod_cidr ${w.explicit} of ${w.name} is outside the cluster CIDR ${input.clusterCidr}`,
        `give ${w.name} a pod_cidr inside ${input.clusterCidr}, or remove it to have one assigned`,
        w.name,
      );
    const clash = out.find((o) => overlaps(o.cidr, cidr));
    if (clash)
      throw varsInvalid(
        `pod_cidr ${w.explicit} of ${w.name} overlaps pod_cidr ${formatCidr(clash.cidr)} of ${clash.owner}`,
        'give every worker its own, non-overlapping pod_cidr (or remove them to have them assigned)',
        w.name,
      );
    out.push({ owner: w.name, cidr });
  }
  return out;
}

/** A persisted assignment still usable as is: same mask size, inside the cluster CIDR, clashing with nothing. */
function stillValid(text: string, cluster: Cidr, mask: number, taken: readonly Owned[]): Cidr | undefined {
  const cidr = parseCidr(text);
  if (cidr === undefined || cidr.prefix !== mask || !containsCidr(cluster, cidr)) return undefined;
  return taken.some((t) => overlaps(t.cidr, cidr)) ? undefined : cidr;
}

/** Assigns pod CIDRs: explicit first, then each kept assignment, then the lowest free subnet in inventory order. */
export function assignPodCidrs(input: PodCidrInput): PodCidrResult {
  const cluster = parseCidr(input.clusterCidr)!;
  const current = new Set(input.workers.map((w) => w.name));
  const explicit = explicitCidrs(input, cluster);
  const taken: Owned[] = [...explicit];
  const assigned = new Map<string, string>(explicit.map((e) => [e.owner, formatCidr(e.cidr)]));
  for (const w of input.workers) {
    const kept = input.persisted[w.name];
    if (w.explicit !== undefined || kept === undefined) continue;
    const cidr = parseCidr(kept);
    const owner = cidr && explicit.find((e) => overlaps(e.cidr, cidr));
    if (owner)
      throw varsInvalid(
        `pod_cidr ${formatCidr(owner.cidr)} of ${owner.owner} overlaps ${kept}, the pod CIDR ${w.name} already has (kept in ${input.storeName})`,
        `give ${owner.owner} another pod_cidr, or set ${w.name}'s pod_cidr explicitly to move it`,
        owner.owner,
      );
    const ok = stillValid(kept, cluster, input.maskSize, taken);
    if (ok) {
      taken.push({ owner: w.name, cidr: ok });
      assigned.set(w.name, kept);
    }
  }
  // Reservations of workers no longer in the inventory: kept (a re-added worker gets its CIDR back) until space runs out.
  const stale: Owned[] = [];
  for (const [name, text] of Object.entries(input.persisted)) {
    if (current.has(name)) continue;
    const cidr = stillValid(text, cluster, input.maskSize, taken);
    if (cidr) stale.push({ owner: name, cidr });
  }
  const missing = input.workers.filter((w) => !assigned.has(w.name));
  const count = subnetCount(cluster, input.maskSize);
  let index = 0;
  for (const w of missing) {
    let cidr: Cidr | undefined;
    for (; index < count && cidr === undefined; index++) {
      const candidate = subnet(cluster, input.maskSize, index)!;
      const blockers = [...taken, ...stale];
      if (!blockers.some((t) => overlaps(t.cidr, candidate))) cidr = candidate;
    }
    if (cidr === undefined && stale.length > 0) {
      stale.splice(0, stale.length); // out of room: reuse the CIDRs of removed workers
      index = 0;
      for (; index < count && cidr === undefined; index++) {
        const candidate = subnet(cluster, input.maskSize, index)!;
        if (!taken.some((t) => overlaps(t.cidr, candidate))) cidr = candidate;
      }
    }
    if (cidr === undefined)
      throw varsInvalid(
        `the cluster CIDR ${input.clusterCidr} has no free /${input.maskSize} left for ${w.name} (${input.workers.length} workers)`,
        'widen cluster.cluster_cidr, or raise cluster.node_cidr_mask_size for smaller per-node CIDRs',
        w.name,
      );
    taken.push({ owner: w.name, cidr });
    assigned.set(w.name, formatCidr(cidr));
  }
  const entries = [...assigned.entries(), ...stale.map((s): [string, string] => [s.owner, formatCidr(s.cidr)])];
  const record = Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const ordered = new Map(input.workers.map((w) => [w.name, assigned.get(w.name)!]));
  return { assigned: ordered, record };
}
