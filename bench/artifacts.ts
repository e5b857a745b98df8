// Benchmark (not a test): the artifacts build cold (a fresh cache dir: no Go module or build cache, no mirror)
// and warm (the same again), per part, with the disk each cache takes. Root not needed; Go 1.26 and gcc are.
//   npm run bench:artifacts -- [--kubernetes V] [--cache DIR] [--keep] [--json]
// The default cache is a fresh temp dir, removed afterwards; the machine's /var/cache/orchestrate is not touched.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildMirror, type BuildStep } from '../kubernetes/artifacts/build-mirror.ts';
import { releaseSetFor } from '../kubernetes/artifacts/lab-hook.ts';
import { controlArch } from '../kubernetes/artifacts/options.ts';

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const known = new Set(['--kubernetes', '--cache', '--keep', '--json']);
for (const a of argv)
  if (a.startsWith('--') && !known.has(a)) {
    console.error(`bench:artifacts: unknown option ${a} (options: ${[...known].join(' ')})`);
    process.exit(2);
  }

const set = releaseSetFor(arg('--kubernetes'));
const cacheDir = arg('--cache') ?? mkdtempSync(join(tmpdir(), 'orch-bench-artifacts-'));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** One fill of the mirror; seconds per step as the build reports them, and the whole wall time. */
async function fill(): Promise<{ steps: Record<string, number>; wallS: number }> {
  const steps: Record<string, number> = {};
  const t0 = performance.now();
  await buildMirror({
    dir: join(cacheDir, 'artifacts'),
    cacheDir,
    set,
    arch: controlArch(),
    log,
    onStep: (s: BuildStep) => {
      if (s.phase !== 'done') return;
      steps[`${s.component} ${s.version} ${s.binary}`] = s.seconds;
      log(`  ${s.component} ${s.version} ${s.binary}: ${s.seconds.toFixed(0)} s`);
    },
  });
  return { steps, wallS: (performance.now() - t0) / 1000 };
}

const duMb = (dir: string): number => Number(execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split('\t')[0]);

try {
  log(`bench:artifacts: cold build of the ${set.kubernetes} set into ${cacheDir}`);
  const cold = await fill();
  const warm = await fill();
  const disk = {
    mirrorMb: duMb(join(cacheDir, 'artifacts')),
    goModMb: duMb(join(cacheDir, 'go', 'mod')),
    goBuildMb: duMb(join(cacheDir, 'go', 'build')),
  };
  const machine = `${cpus().length} vCPU ${cpus()[0]?.model ?? ''}`;
  const result = { date: new Date().toISOString(), machine, set, cold, warm, disk };
  if (argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`${result.date}  ${machine}  Kubernetes ${set.kubernetes}`);
    console.log('\n| part | cold |\n|---|---|');
    for (const [part, s] of Object.entries(cold.steps)) console.log(`| ${part} | ${s.toFixed(0)} s |`);
    console.log(`| **whole set** | **${cold.wallS.toFixed(0)} s** (warm: ${warm.wallS.toFixed(2)} s) |`);
    console.log(
      `\ndisk: mirror ${disk.mirrorMb} MB, Go module cache ${disk.goModMb} MB, Go build cache ${disk.goBuildMb} MB`,
    );
  }
} finally {
  // Go's module cache is read-only by design: make it writable before removing it.
  if (!argv.includes('--keep') && arg('--cache') === undefined) {
    execFileSync('chmod', ['-R', 'u+w', cacheDir]);
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
