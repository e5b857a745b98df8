// Wires the reporters for a run: bus, recap, run log (always), live view or plain lines, JSON.

import type { ApplyArgs } from './args.ts';
import { createBus, type Bus } from '../reporting/bus.ts';
import { createRecapCollector, formatRecap, type RecapCollector } from '../reporting/recap.ts';
import { createRunLog } from '../reporting/run-log.ts';
import { createPlainRenderer } from '../reporting/plain-renderer.ts';
import { formatJsonReport } from '../reporting/json-report.ts';
import type { Reporter } from '../reporting/reporter.ts';
import type { Recap } from '../reporting/events.ts';

export interface Io {
  readonly stdout: NodeJS.WriteStream | NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

export interface AttachedReporters {
  readonly bus: Bus;
  readonly recap: RecapCollector;
  /** Emits run-end, stops the renderers, prints the recap or the JSON document. */
  end(recap: Recap | undefined): Promise<void>;
}

const isTty = (s: Io['stdout']): s is NodeJS.WriteStream => (s as NodeJS.WriteStream).isTTY === true;

/** Attaches every reporter this run wants; stdout carries only JSON under --json. */
export async function attachReporters(o: {
  args: ApplyArgs;
  io: Io;
  stateDir: string;
  runId: string;
}): Promise<AttachedReporters> {
  const { args, io } = o;
  const bus = createBus((err) => io.stderr.write(`orchestrate: a reporter failed: ${(err as Error).message}\n`));
  const recap = createRecapCollector();
  bus.on(recap.sink);
  const reporters: Reporter[] = [createRunLog({ stateDir: o.stateDir, runId: o.runId, verbose: args.verbose > 0 })];
  const color = !process.env['NO_COLOR'] && !process.env['CI'];
  if (args.json) {
    if (args.verbose > 0) reporters.push(createPlainRenderer(io.stderr, { verbose: true, diff: args.diff }));
  } else if (isTty(io.stdout) && color && !process.env['CI']) {
    // listr2 and its dependencies load only for a terminal (a piped or CI run never draws one).
    const { createTtyRenderer } = await import('../reporting/tty-renderer.ts');
    reporters.push(createTtyRenderer({ verbose: args.verbose > 0, diff: args.diff, out: io.stdout }));
  } else {
    reporters.push(
      createPlainRenderer(io.stdout, { verbose: args.verbose > 0, diff: args.diff, color: isTty(io.stdout) && color }),
    );
  }
  for (const r of reporters) bus.on(r.sink);
  return {
    bus,
    recap,
    async end(final) {
      if (final) bus.emit({ type: 'run-end', recap: final });
      for (const r of reporters) await r.end();
      if (!final) return;
      if (args.json) io.stdout.write(formatJsonReport(final) + '\n');
      else io.stdout.write('\n' + formatRecap(final, { color: isTty(io.stdout) && color }) + '\n');
    },
  };
}
