// Builds one component at one version from its Go modules, in a wrapper module, into a directory of executables.

import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';
import type { GoProgram } from './go-programs.ts';
import { goEnv, lastLines, parseGoVersion, runGo, saysDiskFull, saysNotServed, type GoCaches } from './go-tool.ts';
import { godebugOf, renderToolsGo, renderWrapperGoMod, stagingModules, WRAPPER_GO } from './go-wrapper.ts';

/** Where a build runs, and who hears about its progress. */
export interface GoBuildOptions {
  readonly go: string;
  readonly caches: GoCaches;
  /** An empty directory for the wrapper module and the executables. */
  readonly workDir: string;
  /** One line per step, for the operator. */
  readonly onStep?: (step: { binary: string; phase: 'start' | 'done'; seconds: number }) => void;
}

/** What `go mod download -json` says of a module version. */
interface Downloaded {
  readonly GoMod?: string;
  readonly Info?: string;
  readonly Error?: string;
}

/** The cause of a failed go command, named with the module, the version and the fix. */
function goFailure(program: GoProgram, version: string, what: string, output: string): OrchestrateError {
  const where = `${program.modules[0]}@v${version}`;
  if (saysDiskFull(output))
    return new OrchestrateError('BUILD_FAILED', `${what} ${where}: the disk is full\n${lastLines(output)}`, {
      fix: 'free space on the cache disk (/var/cache/orchestrate): a Kubernetes build needs about 6 GiB',
    });
  if (saysNotServed(output))
    return new OrchestrateError(
      'VARS_INVALID',
      `${program.component} ${version}: the Go module proxy does not serve ${where}\n${lastLines(output)}`,
      {
        fix: `set cluster.versions to a version the proxy serves (\`go list -m -versions ${program.modules[0]}\`), or leave it out for the release line's pin`,
      },
    );
  return new OrchestrateError('BUILD_FAILED', `${what} ${where} failed\n${lastLines(output)}`, {
    fix: `run the go command above by hand in the wrapper module to see the whole error; a module that needs a newer Go than ${WRAPPER_GO} needs a newer /usr/local/go`,
  });
}

/** Checks the go command answers and is new enough for the wrappers. */
export async function checkGo(go: string, caches: GoCaches): Promise<string> {
  const r = await runGo(go, ['version'], '/', goEnv(caches, false));
  const v = parseGoVersion(r.output);
  const [wantMajor, wantMinor] = WRAPPER_GO.split('.').map(Number) as [number, number];
  if (r.code !== 0 || v === undefined)
    throw new OrchestrateError('BUILD_FAILED', `${go} version failed: ${lastLines(r.output, 3)}`, {
      fix: 'reinstall Go at /usr/local/go',
    });
  if (v[0] < wantMajor || (v[0] === wantMajor && v[1] < wantMinor))
    throw new OrchestrateError(
      'BUILD_FAILED',
      `${go} is Go ${v.join('.')}; the builds need Go ${WRAPPER_GO} or later`,
      {
        fix: `install Go ${wantMajor}.${wantMinor} or later at /usr/local/go`,
      },
    );
  return r.output.trim();
}

/** The go.mod and metadata of the first module, fetched through the proxy (also: is this version served?). */
async function download(
  program: GoProgram,
  version: string,
  opts: GoBuildOptions,
): Promise<{ goMod: string; time: string }> {
  const env = goEnv(opts.caches, program.cgo);
  const r = await runGo(opts.go, ['mod', 'download', '-json', `${program.modules[0]}@v${version}`], opts.workDir, env);
  let info: Downloaded = {};
  try {
    info = JSON.parse(r.output) as Downloaded;
  } catch {
    // Not JSON: the go command itself failed; its output says why.
  }
  if (r.code !== 0 || info.GoMod === undefined || info.Info === undefined)
    throw goFailure(program, version, 'go mod download', info.Error ?? r.output);
  const meta = JSON.parse(await readFile(info.Info, 'utf8')) as { Time?: string };
  const time = (meta.Time ?? new Date(0).toISOString()).replace(/\.\d+Z$/, 'Z');
  return { goMod: await readFile(info.GoMod, 'utf8'), time };
}

/**
 * Writes the wrapper, resolves it (`go mod tidy`), and builds each binary with upstream's flags.
 * Returns name -> executable path inside workDir.
 */
export async function buildComponent(
  program: GoProgram,
  version: string,
  opts: GoBuildOptions,
): Promise<Map<string, string>> {
  await mkdir(join(opts.workDir, 'bin'), { recursive: true });
  const env = goEnv(opts.caches, program.cgo);
  const step = (binary: string, phase: 'start' | 'done', t0: number): void =>
    opts.onStep?.({ binary, phase, seconds: (Date.now() - t0) / 1000 });

  const t0 = Date.now();
  step('module', 'start', t0);
  const first = await download(program, version, opts);
  const goMod = renderWrapperGoMod(program, version, {
    staging: program.stagingReplaces ? stagingModules(first.goMod) : [],
    godebug: godebugOf(first.goMod),
  });
  await writeFile(join(opts.workDir, 'go.mod'), goMod);
  await writeFile(join(opts.workDir, 'tools.go'), renderToolsGo(program));
  const tidy = await runGo(opts.go, ['mod', 'tidy'], opts.workDir, env);
  if (tidy.code !== 0) throw goFailure(program, version, 'go mod tidy', tidy.output);
  step('module', 'done', t0);

  const ldflags = ['-s', '-w', ...program.ldflags(version, first.time)].join(' ');
  const out = new Map<string, string>();
  for (const b of program.binaries) {
    const t = Date.now();
    step(b.name, 'start', t);
    const dest = join(opts.workDir, 'bin', b.name);
    const args = ['build', '-trimpath', '-tags', program.tags.join(','), '-ldflags', ldflags, '-o', dest, b.pkg];
    const r = await runGo(opts.go, args, opts.workDir, env);
    if (r.code !== 0) throw goFailure(program, version, `go build ${b.pkg} of`, r.output);
    out.set(b.name, dest);
    step(b.name, 'done', t);
  }
  return out;
}
