// `lab up`: base, network, hosts in parallel (bounded), each waited on until ssh and systemd are ready.

import { access, appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, release } from 'node:os';
import pLimit from 'p-limit';
import { OrchestrateError } from '../errors.ts';
import { ensureBase, type Log } from './base-build.ts';
import { labCgroupRoots } from './cgroups.ts';
import { ensureLabDisk } from './containerd-disk.ts';
import { planHosts, type HostLayout } from './host-plan.ts';
import { writeKernelTunables } from './kernel-tunables.ts';
import { checkBinds } from './binds.ts';
import { bootHost, createHost } from './host-lifecycle.ts';
import { renderInventory } from './inventory-yaml.ts';
import { labDown } from './lab-down.ts';
import { readLabState, writeLabState, type LabState } from './lab-state.ts';
import type { LabBind } from './launcher.ts';
import { createNetwork, netnsExists } from './netns.ts';
import { CACHE_DIR, labPaths, type LabPaths } from './paths.ts';
import { preflight } from './preflight.ts';
import { runOk } from './proc.ts';
import { raiseInotifyLimits } from './sysctl.ts';
import { READY_TIMEOUT_MS, waitHostReady } from './wait-ready.ts';

/** What a prepare hook gets: the lab's name, the machine's cache dir (kept across labs), a log. */
export interface LabPrepareContext {
  readonly lab: string;
  readonly cacheDir: string;
  readonly log: Log;
}

/** What a prepare hook gives back: vars for the inventory's all.vars, and a line for the operator. */
export interface LabPrepareResult {
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly summary?: string;
}

/** Work on the machine that runs while the hosts boot (e.g. filling an artifacts mirror); wired in by the CLI. */
export type LabPrepareHook = (ctx: LabPrepareContext) => Promise<LabPrepareResult>;

/** Options of `labUp`. */
export interface LabUpOptions {
  readonly name?: string;
  readonly layout: HostLayout;
  /** Hosts booting at once (default: 4 per CPU, at least 4; measured best on 2 CPUs). */
  readonly parallel?: number;
  readonly readyTimeoutMs?: number;
  /** Keep a half-started lab for inspection instead of tearing it down (default false). */
  readonly keepOnFailure?: boolean;
  /** Machine paths bound into every host (e.g. a tool the hosts lack), kept for `lab start`. */
  readonly binds?: readonly LabBind[];
  readonly log?: Log;
  /** Runs alongside the hosts' boot; its vars go into the inventory (a failure fails the up). */
  readonly prepare?: LabPrepareHook;
  /** Hosts from the base variant with a full python3, so Ansible can run against them (default false). */
  readonly withPython?: boolean;
}

/** What a finished `lab up` reports. */
export interface LabUpResult {
  readonly state: LabState;
  readonly inventory: string;
  readonly seconds: number;
  readonly baseSource: string;
  /** The prepare hook's summary line, when there was one. */
  readonly prepared: string | undefined;
}

async function assertNotUp(lab: LabPaths): Promise<void> {
  if ((await readLabState(lab)) !== undefined || (await netnsExists(lab))) {
    const flag = lab.name === 'lab' ? '' : ` --name ${lab.name}`;
    throw new OrchestrateError('LAB_ERROR', `lab ${lab.name} is already up (or left over)`, {
      fix: `orchestrate lab down${flag}, or pick another --name`,
    });
  }
}

/** The machine's module tree, when its kernel has one: bound read-only into hosts. */
async function machineModulesDir(): Promise<string[]> {
  const dir = `/lib/modules/${release()}`;
  return access(`${dir}/modules.dep`).then(
    () => [dir],
    () => [],
  );
}

/** Each host: create, boot, wait; at most `parallel` hosts booting at once (2 CPUs boot ~4 well). */
async function startAll(lab: LabPaths, state: LabState, parallel: number, timeoutMs: number): Promise<void> {
  const pub = await readFile(`${lab.key}.pub`, 'utf8');
  await writeFile(lab.knownHosts, '', { mode: 0o600 });
  const limit = pLimit(parallel);
  const settled = await Promise.allSettled(
    state.hosts.map((h) =>
      limit(async () => {
        const line = await createHost(lab, state, h, pub);
        await appendFile(lab.knownHosts, `${line}\n`); // O_APPEND: one short line is written whole
        await bootHost(lab, state, h);
        await waitHostReady(lab, h, timeoutMs);
      }),
    ),
  );
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length > 0) {
    const msgs = failed.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason)));
    throw new OrchestrateError('LAB_ERROR', `${failed.length} host(s) failed to come up:\n${msgs.join('\n\n')}`, {
      fix: 'see the log tails above',
      cause: failed[0]!.reason,
    });
  }
}

/** Brings a lab up from nothing; on failure tears it down again (unless keepOnFailure). */
export async function labUp(opts: LabUpOptions): Promise<LabUpResult> {
  const t0 = Date.now();
  const lab = labPaths(opts.name ?? 'lab');
  const log = opts.log ?? (() => undefined);
  const plan = planHosts(opts.layout);
  const binds = await checkBinds(opts.binds ?? []);
  await preflight();
  await assertNotUp(lab);
  const base = await ensureBase(log, { withPython: opts.withPython === true });
  await raiseInotifyLimits();
  await mkdir(lab.dir, { recursive: true, mode: 0o700 });
  const kernelTunables = await writeKernelTunables(lab.tunablesDir);
  const state: LabState = {
    name: lab.name,
    netns: lab.netns,
    prefix: plan.prefix,
    baseKey: base.key,
    baseDir: base.dir,
    createdAt: new Date().toISOString(),
    cgroupRoots: await labCgroupRoots(lab.cgroupName),
    bindReadOnly: await machineModulesDir(),
    ...(binds.length > 0 ? { binds } : {}),
    kernelTunables,
    hosts: plan.hosts,
  };
  await writeLabState(lab, state); // first, so `lab down` can clean up whatever follows
  let prepared: LabPrepareResult;
  try {
    await runOk(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `orchestrate-lab-${lab.name}`, '-f', lab.key]);
    await createNetwork(lab, plan.prefix);
    await ensureLabDisk(lab);
    const parallel = opts.parallel ?? Math.max(4, availableParallelism() * 4);
    log(`lab: starting ${plan.hosts.length} host(s) in netns ${lab.netns}`);
    const hook = opts.prepare?.({ lab: lab.name, cacheDir: CACHE_DIR, log }) ?? Promise.resolve({});
    const [started, prep] = await Promise.allSettled([
      startAll(lab, state, parallel, opts.readyTimeoutMs ?? READY_TIMEOUT_MS),
      hook,
    ]);
    if (started.status === 'rejected') throw started.reason;
    if (prep.status === 'rejected') throw prep.reason;
    prepared = prep.value;
    const files = { key: lab.key, knownHosts: lab.knownHosts };
    await writeFile(lab.inventory, renderInventory(plan.hosts, files, prepared.vars));
  } catch (e) {
    if (!opts.keepOnFailure) await labDown(lab.name).catch(() => undefined);
    throw e;
  }
  return {
    state,
    inventory: lab.inventory,
    seconds: (Date.now() - t0) / 1000,
    baseSource: base.source,
    prepared: prepared.summary,
  };
}
