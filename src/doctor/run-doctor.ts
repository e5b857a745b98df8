// Runs a doctor: context first (bad vars stop here), then one connection and one probe script per host, then the judges.

import pLimit from 'p-limit';
import type { Host } from '../inventory/types.ts';
import type { RemoteHost } from '../connection/types.ts';
import { errorInfo } from '../executor/error-info.ts';
import { bundleScript, splitBundle } from './bundle.ts';
import { finding } from './define.ts';
import type { Doctor, DoctorInput, Finding, ProbeOutput } from './types.ts';

export interface DoctorOptions {
  readonly connect: (host: Host) => Promise<RemoteHost>;
  readonly forks: number;
  /** Per host, for the whole probe script. */
  readonly timeoutMs: number;
}

export interface DoctorReport {
  readonly doctor: string;
  /** The hosts probed, in inventory order. */
  readonly hosts: readonly string[];
  readonly findings: readonly Finding[];
  /** Exec round trips per host (one probe script each). */
  readonly roundTrips: Readonly<Record<string, number>>;
}

/** Probes every target host once and judges every check; never throws for a host's sake. */
export async function runDoctor<C>(doctor: Doctor<C>, input: DoctorInput, opts: DoctorOptions): Promise<DoctorReport> {
  const ctx = doctor.context(input);
  const scripts = new Map<Host, Map<string, string>>();
  for (const host of input.targets) {
    const snippets = new Map<string, string>();
    for (const c of doctor.checks) {
      const s = c.probe(host, ctx);
      if (s !== undefined) snippets.set(c.id, s);
    }
    if (snippets.size > 0) scripts.set(host, snippets);
  }
  const perCheck = new Map<string, Map<string, ProbeOutput>>(doctor.checks.map((c) => [c.id, new Map()]));
  const findings: Finding[] = [];
  const roundTrips: Record<string, number> = {};
  const limit = pLimit(Math.max(1, opts.forks));
  await Promise.all(
    [...scripts].map(([host, snippets]) =>
      limit(async () => {
        const outputs = await probeHost(host, snippets, opts, roundTrips);
        for (const [id, out] of outputs) perCheck.get(id)!.set(host.name, out);
        const lost = [...outputs.values()].find((o) => !o.ok);
        if (lost && !lost.ok)
          findings.push(
            finding('reach', host.name, 'fail', `no answer from ${host.name}: ${lost.error}`, [], reachFix),
          );
      }),
    ),
  );
  for (const c of doctor.checks) {
    const outputs = perCheck.get(c.id)!;
    if (outputs.size === 0) continue;
    try {
      findings.push(...c.judge(outputs, ctx));
    } catch (err) {
      findings.push(
        finding(
          c.id,
          undefined,
          'fail',
          `the check itself failed: ${err instanceof Error ? err.message : String(err)}`,
          [],
          bugFix,
        ),
      );
    }
  }
  const order = new Map(input.targets.map((h, i) => [h.name, i]));
  const checkOrder = new Map(['reach', ...doctor.checks.map((c) => c.id)].map((id, i) => [id, i]));
  findings.sort(
    (a, b) =>
      checkOrder.get(a.check)! - checkOrder.get(b.check)! ||
      (order.get(a.host ?? '') ?? -1) - (order.get(b.host ?? '') ?? -1),
  );
  return { doctor: doctor.name, hosts: [...scripts.keys()].map((h) => h.name), findings, roundTrips };
}

const reachFix = 'check that the host is up and sshd answers (orchestrate facts -l HOST says why it cannot connect)';
const bugFix = 'this is a bug in the check: report it with the output of orchestrate doctor --json';

/** One connection, one exec; every check's output, or the same error for all of them. */
async function probeHost(
  host: Host,
  snippets: ReadonlyMap<string, string>,
  opts: DoctorOptions,
  roundTrips: Record<string, number>,
): Promise<Map<string, ProbeOutput>> {
  const all = (error: string) => new Map([...snippets.keys()].map((id) => [id, { ok: false, error } as ProbeOutput]));
  let remote: RemoteHost | undefined;
  try {
    remote = await opts.connect(host);
    const r = await remote.exec(bundleScript(snippets), { timeoutMs: opts.timeoutMs });
    roundTrips[host.name] = remote.execCount;
    const parts = splitBundle(r.stdout);
    if (!parts.has('end'))
      return all(`the probe script stopped early (exit ${r.code ?? r.signal}): ${r.stderr.trim().slice(0, 300)}`);
    return new Map([...snippets.keys()].map((id) => [id, { ok: true, text: parts.get(id) ?? '' } as ProbeOutput]));
  } catch (err) {
    return all(errorInfo(err).message);
  } finally {
    await remote?.close().catch(() => undefined);
  }
}

/** 0: all ok; 1: warnings only; 2: a failure. */
export function doctorStatus(findings: readonly Finding[]): 0 | 1 | 2 {
  if (findings.some((f) => f.verdict === 'fail')) return 2;
  return findings.some((f) => f.verdict === 'warn') ? 1 : 0;
}
