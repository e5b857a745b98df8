// Benchmark (not a test): orchestrate and Ansible side by side on the same lab hosts, then orchestrate
// alone at 60 hosts and on the 6-host cluster. Root, Linux; see bench/README.md.
//   npm run bench -- [--sizes 3,10,30] [--runs 3] [--scale 60] [--only vs|scale|cluster|noop] [--kubernetes V] [--json]
//   npm run bench -- --from FILE     prints the tables of an earlier --json output

import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { orchestrateAt, type AloneResult } from './lib/alone.ts';
import { realCluster, type ClusterResult } from './lib/real-cluster.ts';
import { ensureAnsible } from './lib/ansible-install.ts';
import { compareAt, toRow } from './lib/compare.ts';
import type { Row } from './lib/stats.ts';
import { aloneTable, clusterTable, comparisonTable } from './lib/table.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? dflt) : dflt;
};
const only = arg('--only', 'all');
const json = argv.includes('--json');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The printed form: a header line and the Markdown tables. */
function print(r: {
  date: string;
  machine: string;
  ansible: string;
  runs: number;
  rows: Row[];
  alone: AloneResult[];
  cluster?: ClusterResult;
  errors: string[];
}): void {
  console.log(`${r.date}  ${r.machine}  ${r.ansible}  medians of ${r.runs}`);
  if (r.rows.length > 0) console.log(`\n${comparisonTable(r.rows)}`);
  if (r.alone.length > 0) console.log(`\n${aloneTable(r.alone)}`);
  if (r.cluster) console.log(`\n${clusterTable(r.cluster)}`);
  for (const e of r.errors) console.log(`\nnot measured: ${e}`);
}

if (argv.includes('--from')) {
  print(JSON.parse(readFileSync(arg('--from', ''), 'utf8')));
} else if (only === 'noop') {
  await import('./noop.ts'); // the older 20-task no-op benchmark, same flags
} else {
  const runs = Number(arg('--runs', '3'));
  const machine = `${cpus().length} vCPU ${cpus()[0]?.model ?? ''}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node.js ${process.version}`;
  const rows: Row[] = [];
  const alone: AloneResult[] = [];
  const errors: string[] = [];
  let cluster: ClusterResult | undefined;
  let ansible = '';
  if (only === 'all' || only === 'vs') {
    ansible = ensureAnsible(log);
    for (const n of arg('--sizes', '3,10,30').split(',').map(Number)) {
      log(`bench: orchestrate vs Ansible on ${n} hosts`);
      rows.push(toRow(await compareAt(n, runs, log)));
      log(`bench: row ${JSON.stringify(rows.at(-1))}`); // kept on stderr in case a later part fails
    }
  }
  if (only === 'all' || only === 'scale') {
    log(`bench: orchestrate alone on ${arg('--scale', '60')} hosts`);
    alone.push(await orchestrateAt(Number(arg('--scale', '60')), runs));
  }
  if (only === 'all' || only === 'cluster') {
    log('bench: playbooks/cluster.ts on 3 controllers + 3 workers, the real programs (mirror built first)');
    // A failure of the cluster part must not lose the tables measured before it.
    await realCluster(runs, argv.includes('--kubernetes') ? arg('--kubernetes', '') : undefined).then(
      (c) => (cluster = c),
      (e: Error) => errors.push(`cluster: ${e.message.slice(0, 2000)}`),
    );
  }
  const result = { date: new Date().toISOString(), machine, ansible, runs, rows, alone, cluster, errors };
  if (json) console.log(JSON.stringify(result, null, 2));
  else print(result);
}
