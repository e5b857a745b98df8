// `orchestrate lab ...`: argv to the src/lab API, and the lines a human reads. Logic lives in src/lab.

import { spawn } from 'node:child_process';
import { OrchestrateError, isOrchestrateError } from '../errors.ts';
import {
  ensureBase,
  labDown,
  labExecInherit,
  labInfo,
  labStatus,
  labUp,
  parseBindSpec,
  sshArgv,
  startHost,
  stopHost,
  labPaths,
  type HostLayout,
  type LabUpOptions,
} from '../lab/index.ts';
import { requireLabState, findHost } from '../lab/lab-state.ts';
import { CACHE_DIR } from '../lab/paths.ts';
// The one Kubernetes-specific piece the lab runs (the composition root wires it; src/lab stays generic).
import {
  builtMirrorLabHook,
  fillLabMirror,
  mirrorSummary,
  releaseSetFor,
} from '../../kubernetes/artifacts/lab-hook.ts';
import { buildProgress } from './build-progress.ts';
import { exitCodeFor } from './exit-codes.ts';
import { parseFlags } from './parse-flags.ts';
import { errorText } from './error-text.ts';

interface LabIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = `usage: orchestrate lab <command> [--name NAME]   (root; default lab name "lab")
  up [N] | up --controllers C --workers W   start N hosts h1..hN (10.240.0.101..) or a KTHW layout
      --bind-ro SRC[:DST]                   bind a machine path read-only into every host (repeatable)
      --kubernetes V                        the Kubernetes release of a cluster layout (default: the default release line)
      --no-mirror                           skip the artifacts mirror a cluster layout gets (docs/artifacts.md)
      --with-python                         hosts with a full python3 (for Ansible; a separately cached base)
  base [--with-python]                      build/unpack the cached base image only
  artifacts [--kubernetes V]                build what the mirror lacks: every program from its Go module, the images
  status                                    each host: address, running, ssh
  ssh HOST [-- CMD...]                      ssh to a host from inside the lab's netns
  exec -- CMD...                            run CMD in the lab's netns, ORCHESTRATE_INVENTORY set
  stop HOST | start HOST                    power one host off / on
  down                                      stop everything, unmount, delete the lab
`;

const OPTIONS = {
  name: { type: 'string', default: 'lab' },
  controllers: { type: 'string' },
  workers: { type: 'string' },
  parallel: { type: 'string' },
  timeout: { type: 'string' },
  'keep-on-failure': { type: 'boolean' },
  'bind-ro': { type: 'string', multiple: true },
  'no-mirror': { type: 'boolean' },
  kubernetes: { type: 'string' },
  'with-python': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function bad(message: string): OrchestrateError {
  return new OrchestrateError('OPTIONS_INVALID', message, { fix: 'orchestrate lab --help' });
}

function int(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw bad(`${flag} ${v}: expected a whole number`);
  return Number(v);
}

function nameFlag(name: string): string {
  return name === 'lab' ? '' : ` --name ${name}`;
}

function layoutOf(positionals: string[], controllers?: number, workers?: number): HostLayout {
  if (controllers !== undefined || workers !== undefined) {
    if (positionals.length > 0) throw bad('give either N or --controllers/--workers, not both');
    return { kind: 'cluster', controllers: controllers ?? 1, workers: workers ?? 0 };
  }
  if (positionals.length > 1) throw bad(`unexpected argument "${positionals[1]}"`);
  return { kind: 'plain', count: int('N', positionals[0]) ?? 3 };
}

type Values = Record<string, string | string[] | boolean | undefined>;

/** A cluster layout (--controllers/--workers) runs Kubernetes; a plain lab of N hosts does not. */
function isCluster(v: Values): boolean {
  return v['controllers'] !== undefined || v['workers'] !== undefined;
}

/** Pure: `lab up` argv to labUp options (without the log and the prepare hook, which do I/O). */
export function upOptions(name: string, positionals: string[], v: Values): Omit<LabUpOptions, 'log' | 'prepare'> {
  const layout = layoutOf(
    positionals,
    int('--controllers', v['controllers'] as string),
    int('--workers', v['workers'] as string),
  );
  const timeout = int('--timeout', v['timeout'] as string);
  const parallel = int('--parallel', v['parallel'] as string);
  return {
    name,
    layout,
    ...(parallel ? { parallel } : {}),
    ...(timeout ? { readyTimeoutMs: timeout * 1000 } : {}),
    keepOnFailure: v['keep-on-failure'] === true,
    binds: ((v['bind-ro'] as string[] | undefined) ?? []).map(parseBindSpec),
    withPython: v['with-python'] === true,
  };
}

async function up(name: string, positionals: string[], v: Values, io: LabIo): Promise<number> {
  if (v['kubernetes'] !== undefined && (!isCluster(v) || v['no-mirror'] === true))
    throw bad(
      '--kubernetes picks the mirror of a cluster layout: give it with --controllers/--workers, without --no-mirror',
    );
  const r = await labUp({
    ...upOptions(name, positionals, v),
    log: (line) => io.stderr.write(`${line}\n`),
    // Only a cluster layout runs Kubernetes; a plain lab needs no mirror.
    ...(v['no-mirror'] === true || !isCluster(v)
      ? {}
      : { prepare: builtMirrorLabHook(v['kubernetes'] as string | undefined) }),
  });
  const hosts = r.state.hosts;
  io.stdout.write(`lab ${name}: ${hosts.length} host(s) up in ${r.seconds.toFixed(1)} s (base: ${r.baseSource})\n`);
  for (const h of hosts) io.stdout.write(`  ${h.name.padEnd(14)} ${h.address.padEnd(14)} ${h.groups.join(',')}\n`);
  io.stdout.write(`inventory: ${r.inventory}\n`);
  if (r.prepared !== undefined) io.stdout.write(`${r.prepared}\n`);
  io.stdout.write(`run:       orchestrate lab exec${nameFlag(name)} -- orchestrate apply playbooks/demo.ts\n`);
  io.stdout.write(`ssh:       orchestrate lab ssh${nameFlag(name)} ${hosts[0]!.name}\n`);
  return 0;
}

async function status(name: string, io: LabIo): Promise<number> {
  const info = await labInfo(name);
  const rows = await labStatus(name);
  io.stdout.write(`lab ${name} (netns ${info.netns}, inventory ${info.inventory})\n`);
  for (const h of rows) {
    const st = h.running ? 'running' : 'stopped';
    io.stdout.write(`  ${h.name.padEnd(14)} ${h.address.padEnd(14)} ${st.padEnd(8)} ssh ${h.ssh ? 'ok' : '-'}\n`);
  }
  return rows.every((h) => h.ssh) ? 0 : 1;
}

async function ssh(name: string, host: string | undefined, cmd: string[]): Promise<number> {
  if (host === undefined) throw bad('lab ssh needs a HOST');
  const { lab, state } = await requireLabState(name);
  const argv = sshArgv(lab, findHost(state, host).address, cmd, { interactive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

async function dispatch(argv: string[], io: LabIo): Promise<number> {
  // The subcommand and its arguments are operands (each subcommand checks its own); `-- CMD...` is for ssh/exec.
  const {
    values: v,
    positionals,
    rest: tail,
  } = parseFlags({ command: 'lab', options: OPTIONS, maxOperands: Infinity, commandAfterDashes: true }, argv);
  const [sub, ...rest] = positionals;
  const name = v.name;
  labPaths(name); // validates the name
  if (v.help || sub === undefined || sub === 'help') {
    io.stdout.write(USAGE);
    return sub === undefined && !v.help ? 5 : 0;
  }
  if (tail.length > 0 && sub !== 'ssh' && sub !== 'exec') throw bad(`lab ${sub} takes no "-- CMD"`);
  switch (sub) {
    case 'up':
      return up(name, rest, v, io);
    case 'base': {
      const log = (line: string): boolean => io.stderr.write(`${line}\n`);
      const base = await ensureBase(log, { withPython: v['with-python'] === true });
      io.stdout.write(`base ${base.key} (${base.source}): ${base.dir}\ncache: ${base.tarball}\n`);
      return 0;
    }
    case 'artifacts': {
      if (rest.length > 0) throw bad(`lab artifacts takes no argument "${rest[0]}"`);
      const set = releaseSetFor(v.kubernetes);
      const log = (line: string): boolean => io.stderr.write(`${line}\n`);
      const progress = buildProgress(io.stderr);
      try {
        const m = await fillLabMirror({ lab: name, cacheDir: CACHE_DIR, log }, set, progress.onStep);
        progress.end();
        io.stdout.write(`${mirrorSummary(m)}\n`);
        for (const b of m.built) io.stdout.write(`  built ${b}\n`);
      } catch (err) {
        progress.end();
        throw err;
      }
      return 0;
    }
    case 'status':
      return status(name, io);
    case 'ssh':
      return ssh(name, rest[0], tail);
    case 'exec':
      if (tail.length === 0) throw bad('lab exec needs a command: orchestrate lab exec -- CMD...');
      return labExecInherit(name, tail);
    case 'stop':
    case 'start': {
      if (rest[0] === undefined) throw bad(`lab ${sub} needs a HOST`);
      await (sub === 'stop' ? stopHost(name, rest[0]) : startHost(name, rest[0]));
      io.stdout.write(`${rest[0]}: ${sub === 'stop' ? 'stopped' : 'running'}\n`);
      return 0;
    }
    case 'down': {
      const r = await labDown(name);
      io.stdout.write(
        r.existed ? `lab ${name}: down (${r.hosts} host(s), ${r.seconds.toFixed(1)} s)\n` : `lab ${name}: was not up\n`,
      );
      return 0;
    }
    default:
      throw bad(`unknown lab command "${sub}"`);
  }
}

/** Runs `orchestrate lab ARGV...`; resolves to the exit status (errors printed with their fix). */
export async function runLabCommand(argv: string[], io: LabIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (!isOrchestrateError(err)) throw err;
    io.stderr.write(errorText('orchestrate lab', err.message, err.fix));
    return exitCodeFor(err.code);
  }
}
