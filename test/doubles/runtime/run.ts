// The life of every double: flags, checks, serve, notify systemd, stop on SIGTERM; errors exit 1.

import { spawnSync } from 'node:child_process';
import { embedded, embeddedFlags, gitVersion, type Embedded } from './embedded.ts';
import { DoubleError, logLine } from './fail.ts';
import type { FlagList } from './flag-list.ts';
import { boolValue, lastValue, parseFlags, type ParsedFlags } from './flag-parse.ts';
import { checkFlagValues } from './flag-values.ts';

/** What a component's main gets. */
export interface DoubleContext {
  readonly e: Embedded;
  readonly list: FlagList;
  readonly flags: ParsedFlags;
  readonly log: (msg: string) => void;
  readonly warn: (msg: string) => void;
}

/** A started double: what to stop on SIGTERM. */
export interface Running {
  close(): Promise<void>;
}

/** Tells systemd we are up (Type=notify units); systemd-notify speaks for its parent, our pid. */
function notifyReady(log: (m: string) => void): void {
  if (!process.env['NOTIFY_SOCKET']) return;
  const r = spawnSync('systemd-notify', ['--ready'], { stdio: 'ignore' });
  log(
    r.status === 0
      ? 'sent READY=1 to systemd'
      : `systemd-notify --ready failed (${r.error?.message ?? `exit ${r.status}`})`,
  );
}

function usage(e: Embedded, list: FlagList): string {
  const lines = [...list.values()].map((f) => `      --${f.name}${f.type && f.type !== 'bool' ? ` ${f.type}` : ''}`);
  return `${e.component} (orchestrate test double of ${gitVersion(e)})\n\nFlags:\n${lines.join('\n')}\n`;
}

/** Parses and checks the command line; prints --help/--version and exits like the real binary. */
function commandLine(e: Embedded, list: FlagList): ParsedFlags {
  const flags = parseFlags(process.argv.slice(2), list);
  if (boolValue(flags, 'help', false)) {
    process.stdout.write(usage(e, list));
    process.exit(0);
  }
  const version = lastValue(flags, 'version');
  if (version !== undefined && version !== 'false') {
    process.stdout.write(`Kubernetes ${gitVersion(e)}\n`);
    process.exit(0);
  }
  checkFlagValues(flags, list).throwIfAny();
  return flags;
}

/** Runs a double: never returns; exit 1 with the problem on stderr when a check fails. */
export function runDouble(main: (ctx: DoubleContext) => Promise<Running>): void {
  let component = 'double';
  const fail = (err: unknown): never => {
    const msg =
      err instanceof DoubleError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`Error: ${msg}\n`);
    if (err instanceof DoubleError && /^unknown (shorthand )?flag/.test(msg))
      process.stderr.write(`(${component} ${embedded().version} has no such flag: see \`${component} --help\`)\n`);
    process.exit(1);
  };
  const start = async (): Promise<void> => {
    const e = embedded();
    component = e.component;
    const list = embeddedFlags(e);
    const log = (m: string): void => logLine('I', e.component, m);
    const warn = (m: string): void => logLine('W', e.component, m);
    const flags = commandLine(e, list);
    log(`orchestrate test double of ${e.component} ${gitVersion(e)}: NOT the real binary`);
    for (const w of flags.warnings) warn(w);
    const running = await main({ e, list, flags, log, warn });
    notifyReady(log);
    let stopping = false;
    const stop = (sig: string): void => {
      if (stopping) return;
      stopping = true;
      log(`${sig}: shutting down`);
      running.close().then(
        () => process.exit(0),
        () => process.exit(0),
      );
      setTimeout(() => process.exit(0), 3000).unref();
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  };
  start().catch(fail);
}
