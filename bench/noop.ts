// Benchmark (not a test): the no-op re-run of a 20-task role on N lab hosts, wall time and round trips.
//   node --import tsx bench/noop.ts [--sizes 3,10,30] [--runs 3] [--lab NAME] [--json]

import { performance } from 'node:perf_hooks';
import { labDown, labUp } from '../src/lab/index.ts';
import { cliJson } from '../test/e2e/support/lab.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const sizes = arg('--sizes', '3,10,30').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
// A lab name of one's own keeps concurrent benchmarks from tearing down each other's hosts.
const LAB = arg('--lab', process.env['BENCH_LAB'] ?? 'bench');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const rows: { hosts: number; firstApplyS: number; noopMedianS: number; roundTripsPerHost: number }[] = [];
for (const n of sizes) {
  await labDown(LAB).catch(() => undefined);
  await labUp({ name: LAB, layout: { kind: 'plain', count: n } });
  try {
    let t = performance.now();
    const first = await cliJson(LAB, ['apply', 'bench/playbooks/noop20.ts']);
    if (first.code !== 0) throw new Error(`first apply failed: ${first.stderr}`);
    const firstApplyS = (performance.now() - t) / 1000;
    const times: number[] = [];
    let rt = 0;
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      const r = await cliJson(LAB, ['apply', 'bench/playbooks/noop20.ts']);
      times.push((performance.now() - t) / 1000);
      const hosts = Object.values(r.report.hosts);
      if (hosts.some((h) => h.changed !== 0)) throw new Error('the no-op re-run changed something');
      rt = Math.max(...hosts.map((h) => h.roundTrips));
    }
    rows.push({ hosts: n, firstApplyS, noopMedianS: median(times), roundTripsPerHost: rt });
  } finally {
    await labDown(LAB);
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('hosts  first apply (s)  no-op median (s)  round trips/host (facts under the lock + 1 per role)');
  for (const r of rows)
    console.log(
      `${String(r.hosts).padStart(5)}  ${r.firstApplyS.toFixed(2).padStart(15)}  ${r.noopMedianS.toFixed(2).padStart(16)}  ${r.roundTripsPerHost}`,
    );
}
