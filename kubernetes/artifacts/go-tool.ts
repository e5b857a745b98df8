// Runs the go command with the machine-wide module and build caches, and turns its failures into named errors.

import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';

/** Where the go command keeps what it downloads and compiles, kept between builds (and labs). */
export interface GoCaches {
  readonly modCache: string;
  readonly buildCache: string;
}

/** The caches under the machine's cache dir. */
export function goCaches(cacheDir: string): GoCaches {
  return { modCache: join(cacheDir, 'go', 'mod'), buildCache: join(cacheDir, 'go', 'build') };
}

/** What a go command printed, and how it ended. */
export interface GoResult {
  readonly code: number;
  readonly output: string;
}

/** True for an executable file: a PATH dir may hold a directory named go (e.g. $HOME/go, GOPATH's default). */
function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The go binary: $ORCHESTRATE_GO, else `go` on PATH, else the official install path. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string {
  const named = env['ORCHESTRATE_GO'];
  if (named !== undefined && named !== '') return named;
  for (const dir of (env['PATH'] ?? '').split(':'))
    if (dir !== '' && isExecutableFile(join(dir, 'go'))) return join(dir, 'go');
  return '/usr/local/go/bin/go';
}

/** The environment every go command runs with: our caches, no toolchain downloads, modules resolved freely. */
export function goEnv(caches: GoCaches, cgo: boolean, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    GOMODCACHE: caches.modCache,
    GOCACHE: caches.buildCache,
    // A module that needs a newer Go fails with a message instead of fetching a toolchain.
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    CGO_ENABLED: cgo ? '1' : '0',
    LC_ALL: 'C',
  };
}

/** Runs `go args...` in cwd; never rejects for a non-zero exit (the caller names the failure). */
export function runGo(go: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<GoResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') reject(noGo(go));
      else reject(err);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** The machine has no go command. */
export function noGo(go: string): OrchestrateError {
  return new OrchestrateError('BUILD_FAILED', `the go command is not installed (tried ${go})`, {
    fix: `install Go ${'1.26'} or later at /usr/local/go (or put go on PATH, or set ORCHESTRATE_GO to its path)`,
  });
}

/** The last lines of a command's output, for an error message. */
export function lastLines(output: string, n = 15): string {
  const lines = output.trimEnd().split('\n');
  return lines.slice(-n).join('\n');
}

/** Pure: the Go release of `go version` output ('go version go1.26.8 linux/amd64' -> [1, 26]). */
export function parseGoVersion(output: string): readonly [number, number] | undefined {
  const m = /go version go(\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** True when go's output says a device is full. */
export function saysDiskFull(output: string): boolean {
  return /no space left on device|ENOSPC|disk quota exceeded/i.test(output);
}

/** True when go's output says the proxy does not have a module or version (a filtering proxy answers 403 with a reason). */
export function saysNotServed(output: string): boolean {
  return /(404 Not Found|410 Gone|unknown revision|invalid version|no matching versions|not found: |module version is not available)/.test(
    output,
  );
}
