// The floor every no-op is compared with: N bare `ssh host true` in parallel, to the same hosts, in the same run.

import { labInfo, labPaths, sshClientArgv } from '../../src/lab/index.ts';
import type { LabPaths } from '../../src/lab/paths.ts';
import { quote } from '../../src/shell/quote.ts';
import { summarize, type PhaseSummary } from './stats.ts';
import { timedInLab } from './timed.ts';

/** Pure: one shell line that opens a fresh connection to every address at once and waits for all. */
export function floorScript(lab: LabPaths, addresses: readonly string[]): string {
  const each = addresses.map((a) => `${sshClientArgv(lab, a, ['true']).map(quote).join(' ')} & pids="$pids $!";`);
  // `wait` alone loses the children's status: each pid is waited for, so a refused login fails the sample.
  return `pids=''; ${each.join(' ')} for p in $pids; do wait $p || exit 1; done`;
}

/** Medians of `runs` samples of the floor on a lab's hosts (wall, and CPU of every ssh client). */
export async function sshFloor(lab: string, runs: number): Promise<PhaseSummary> {
  const paths = labPaths(lab);
  const addresses = (await labInfo(lab)).hosts.map((h) => h.address);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = await timedInLab(lab, ['sh', '-c', floorScript(paths, addresses)]);
    if (r.code !== 0) throw new Error(`the ssh floor failed (exit ${r.code}): ${r.stderr.slice(-1000)}`);
    samples.push({
      tool: 'orchestrate' as const,
      wallS: r.wallS,
      cpuS: r.cpuS,
      maxRssMb: r.maxRssMb,
      changed: 0,
      execPerHost: 1,
      subsystemPerHost: 0,
    });
  }
  return summarize(samples);
}
