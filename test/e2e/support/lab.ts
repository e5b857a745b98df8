// E2E support: a lab of our own, the CLI run inside its netns, and ssh assertions on its hosts.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { labDown, labExecArgs, labInfo, labSshRun, labUp, type HostLayout } from '../../../src/lab/index.ts';
import { builtMirrorLabHook, releaseSetFor } from '../../../kubernetes/artifacts/lab-hook.ts';

/** The Kubernetes release e2e cluster labs run: the default line, or E2E_KUBERNETES=1.X.Y (test/release-lines.sh). */
export const E2E_KUBERNETES = process.env['E2E_KUBERNETES'] || undefined;
/** The release set those labs pin (the mirror's versions the roles install). */
export const E2E_RELEASE = releaseSetFor(E2E_KUBERNETES);

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A JSON recap as printed by --json. */
export interface JsonRecap {
  ok: boolean;
  check?: boolean;
  hosts: Record<
    string,
    { ok: number; changed: number; failed: number; skipped: number; unreachable: boolean; roundTrips: number }
  >;
  changes: { host: string; role: string; task: string }[];
}

/** Brings up a fresh lab (tearing down a leftover one); cluster layouts get the built artifacts mirror. */
export async function freshLab(name: string, layout: HostLayout): Promise<void> {
  await labDown(name).catch(() => undefined);
  await labUp({ name, layout, ...(layout.kind === 'cluster' ? { prepare: builtMirrorLabHook(E2E_KUBERNETES) } : {}) });
}

/** The lab's state dir (beside its inventory). */
export async function labStateDir(name: string): Promise<string> {
  return join(dirname((await labInfo(name)).inventory), '.orchestrate');
}

/** Tears the lab down (for after()). */
export async function dropLab(name: string): Promise<void> {
  if (process.env['KEEP_LAB']) return;
  await labDown(name);
}

/** Starts `orchestrate ARGS` inside the lab's netns; returns the child and its completion. */
export async function startCli(lab: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const { argv, env: labEnv } = await labExecArgs(lab, ['orchestrate', ...args], { ...process.env, CI: '1', ...env });
  const child = spawn(argv[0]!, argv.slice(1), { env: labEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 1), stdout, stderr })),
  );
  return { child, done };
}

/** Runs `orchestrate ARGS` inside the lab's netns to completion. */
export async function cli(lab: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return (await startCli(lab, args, env)).done;
}

/** Runs `orchestrate ARGS --json` and parses the report (fails the test with the output otherwise). */
export async function cliJson(
  lab: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; report: JsonRecap; stderr: string }> {
  const r = await cli(lab, [...args, '--json'], env);
  try {
    return { code: r.code, report: JSON.parse(r.stdout) as JsonRecap, stderr: r.stderr };
  } catch {
    throw new Error(`no JSON report (exit ${r.code}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/** Runs a script on a lab host as root and returns stdout; throws on a non-zero exit. */
export async function onHost(lab: string, host: string, script: string): Promise<string> {
  const r = await labSshRun(lab, host, script);
  if (r.code !== 0) throw new Error(`on ${host}: exit ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Same script on every host: host -> stdout. */
export async function onHosts(lab: string, hosts: readonly string[], script: string): Promise<Record<string, string>> {
  const out = await Promise.all(hosts.map(async (h) => [h, await onHost(lab, h, script)] as const));
  return Object.fromEntries(out);
}

/** The lab's host names and files. */
export async function info(lab: string) {
  return labInfo(lab);
}

/** Change keys as sortable strings, to compare two lists. */
export const changeKeys = (r: JsonRecap): string[] => r.changes.map((c) => `${c.host}|${c.role}|${c.task}`).sort();

/** Polls cond every 200 ms until it holds; throws after timeoutMs. */
export async function waitFor(cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}
