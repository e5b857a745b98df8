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
  type LabPrepareHook,
  type LabPrepareResult,
  type LabUpOptions,
} from '../lab/index.ts';
import { requireLabState, findHost } from '../lab/lab-state.ts';
import { CACHE_DIR } from '../lab/paths.ts';
import { loadExtensions, type Extension } from '../extension/index.ts';
import { buildProgress } from './build-progress.ts';
import { labExtensions, type LabExtensions } from './lab-extensions.ts';
import { exitCodeFor } from './exit-codes.ts';
import { parseFlags } from './parse-flags.ts';
import { errorText } from './error-text.ts';

interface LabIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** The usage, with what the extensions add: flags under `up`, subcommands after `base`. */
function usage(ext: LabExtensions): string {
  return [
    'usage: orchestrate lab <command> [--name NAME]   (root; default lab name "lab")',
    '  up [N] | up --controllers C --workers W   start N hosts h1..hN (10.240.0.101..) or a controllers/workers layout',
    '      --bind-ro SRC[:DST]                   bind a machine path read-only into every host (repeatable)',
    '      --with-python                         hosts with a full python3 (for Ansible; a separately cached base)',
    ...ext.upUsage,
    '  base [--with-python]                      build/unpack the cached base image only',
    ...ext.commandUsage,
    '  status                                    each host: address, running, ssh',
    "  ssh HOST [-- CMD...]                      ssh to a host from inside the lab's netns",
    "  exec -- CMD...                            run CMD in the lab's netns, ORCHESTRATE_INVENTORY set",
    '  stop HOST | start HOST                    power one host off / on',
    '  down                                      stop everything, unmount, delete the lab',
    '',
  ].join('\n');
}

const OPTIONS = {
  name: { type: 'string', default: 'lab' },
  controllers: { type: 'string' },
  workers: { type: 'string' },
  parallel: { type: 'string' },
  timeout: { type: 'string' },
  'keep-on-failure': { type: 'boolean' },
  'bind-ro': { type: 'string', multiple: true },
  'with-python': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The lab's own subcommands: an extension cannot take these names. */
const OWN_COMMANDS = ['up', 'base', 'status', 'ssh', 'exec', 'stop', 'start', 'down', 'help'];

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

async function up(name: string, positionals: string[], v: Values, io: LabIo, ext: LabExtensions): Promise<number> {
  // The extensions see the layout (and refuse flags that do not fit it) before any other flag is checked.
  const layout = layoutOf(
    positionals,
    int('--controllers', v['controllers'] as string),
    int('--workers', v['workers'] as string),
  );
  const prepare = composeHooks(ext.up.map((u) => u.prepare({ layout, flags: v })));
  const r = await labUp({
    ...upOptions(name, positionals, v),
    log: (line) => io.stderr.write(`${line}\n`),
    ...(prepare === undefined ? {} : { prepare }),
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

/** One hook running the given ones in order: their vars merged (a later one wins), their summaries one per line. */
export function composeHooks(hooks: readonly (LabPrepareHook | undefined)[]): LabPrepareHook | undefined {
  const given = hooks.filter((h): h is LabPrepareHook => h !== undefined);
  if (given.length <= 1) return given[0];
  return async (ctx) => {
    const results: LabPrepareResult[] = [];
    for (const h of given) results.push(await h(ctx));
    const summaries = results.flatMap((r) => (r.summary === undefined ? [] : [r.summary]));
    return {
      vars: Object.assign({}, ...results.map((r) => r.vars ?? {})) as Record<string, unknown>,
      ...(summaries.length > 0 ? { summary: summaries.join('\n') } : {}),
    };
  };
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

async function dispatch(argv: string[], io: LabIo, extensions: readonly Extension[]): Promise<number> {
  const ext = labExtensions(extensions, { flags: Object.keys(OPTIONS), commands: OWN_COMMANDS });
  // The subcommand and its arguments are operands (each subcommand checks its own); `-- CMD...` is for ssh/exec.
  const parsed = parseFlags(
    { command: 'lab', options: { ...OPTIONS, ...ext.options }, maxOperands: Infinity, commandAfterDashes: true },
    argv,
  );
  const { positionals, rest: tail } = parsed;
  const v = parsed.values as Values;
  const [sub, ...rest] = positionals;
  const name = v['name'] as string;
  labPaths(name); // validates the name
  if (v['help'] === true || sub === undefined || sub === 'help') {
    io.stdout.write(usage(ext));
    return sub === undefined && v['help'] !== true ? 5 : 0;
  }
  if (tail.length > 0 && sub !== 'ssh' && sub !== 'exec') throw bad(`lab ${sub} takes no "-- CMD"`);
  switch (sub) {
    case 'up':
      return up(name, rest, v, io, ext);
    case 'base': {
      const log = (line: string): boolean => io.stderr.write(`${line}\n`);
      const base = await ensureBase(log, { withPython: v['with-python'] === true });
      io.stdout.write(`base ${base.key} (${base.source}): ${base.dir}\ncache: ${base.tarball}\n`);
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
    default: {
      const command = ext.commands.get(sub);
      if (command === undefined) throw bad(`unknown lab command "${sub}"`);
      return command.run({
        lab: name,
        operands: rest,
        flags: v,
        cacheDir: CACHE_DIR,
        stdout: io.stdout,
        stderr: io.stderr,
        progress: () => buildProgress(io.stderr),
      });
    }
  }
}

/**
 * Runs `orchestrate lab ARGV...`; resolves to the exit status (errors printed with their fix). The
 * extensions are the installation's (package.json) unless given.
 */
export async function runLabCommand(argv: string[], io: LabIo, extensions?: readonly Extension[]): Promise<number> {
  try {
    return await dispatch(argv, io, extensions ?? (await loadExtensions()));
  } catch (err) {
    if (!isOrchestrateError(err)) throw err;
    io.stderr.write(errorText('orchestrate lab', err.message, err.fix));
    return exitCodeFor(err.code);
  }
}
