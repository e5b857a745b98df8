// Running the built doubles on this machine: one build per test run, processes that are always stopped.

import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { buildDoubles, type DoubleComponent } from '../../doubles/build.ts';
import { tempDir } from '../../support/temp-dir.ts';

const built = new Map<string, Promise<Record<DoubleComponent, string>>>();

/** The doubles of a version, built once per test run into a temp dir (removed at exit). */
export function doublesFor(version: string): Promise<Record<DoubleComponent, string>> {
  if (!built.has(version)) {
    built.set(version, buildDoubles(tempDir(`doubles-${version}-`), version));
  }
  return built.get(version)!;
}

/** A free 127.0.0.1 port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A started double: its output so far, its exit, and stop(). */
export interface DoubleProcess {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number>;
  stop(): Promise<number>;
}

const running = new Set<ChildProcess>();

/** Starts a built double with this machine's node. */
export function startDouble(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): DoubleProcess {
  const child = spawn(file, args, {
    env: { ...process.env, ORCHESTRATE_TEST_NODE: process.execPath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) =>
    child.on('close', (code, sig) => {
      running.delete(child);
      resolve(code ?? (sig ? 128 + 15 : 1));
    }),
  );
  return {
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs a double to its exit (it must exit within timeoutMs). */
export async function runDoubleToExit(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 8000,
): Promise<{ code: number; output: string }> {
  const p = startDouble(file, args, env);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, output: p.output() };
}

/** Waits until the process printed `marker` (then resolves) or exited (then rejects with its output). */
export async function waitFor(p: DoubleProcess, marker: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const hit = (): boolean => (typeof marker === 'string' ? p.output().includes(marker) : marker.test(p.output()));
  while (!hit()) {
    if (p.child.exitCode !== null) throw new Error(`double exited ${p.child.exitCode}:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`timeout waiting for ${String(marker)}:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Kills whatever a test left running (for after()). */
export function killAll(): void {
  for (const c of running) c.kill('SIGKILL');
}

/** An HTTPS request; resolves with status, headers and body (TLS options as node:https takes them). */
export function httpsGet(
  url: string,
  opts: {
    ca?: string;
    cert?: string;
    key?: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    insecure?: boolean;
  } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: opts.method ?? 'GET',
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        headers: opts.headers ?? {},
        timeout: 5000,
        rejectUnauthorized: !opts.insecure,
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(opts.body);
  });
}
