// The live view on a TTY: one listr2 row per host (host: role › task), driven by run events.

import { Listr, ListrLogger, ProcessOutput, Spinner, type ListrTaskWrapper } from 'listr2';
import { mask } from '../secret.ts';
import type { EventSink, Recap, RunEvent } from './events.ts';
import { applyToRow, createRow, rowError, rowTitle, type HostRow } from './host-row.ts';
import { colorDiff, paint } from './paint.ts';
import { createRecapCollector } from './recap.ts';
import type { Reporter } from './reporter.ts';

export interface TtyOptions {
  /** -v: list every change under its host at the end (not only the last few). */
  verbose?: boolean;
  /** --diff: print the diffs (colored) once the live view has stopped. */
  diff?: boolean;
  /** Milliseconds between redraws; events only mutate state, redraws happen on this tick. Default 120. */
  redrawMs?: number;
  /** Where to draw (default process.stdout); must be a TTY for the live view. */
  out?: NodeJS.WriteStream;
  /** 'silent' draws nothing (tests). Default 'default'. */
  renderer?: 'default' | 'silent';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Wrapper = ListrTaskWrapper<unknown, any, any>;

interface LiveRow {
  row: HostRow;
  dirty: boolean;
  wrapper: Wrapper | undefined;
  finish: () => void;
  finished: Promise<void>;
}

/** listr2 redraws on its spinner's tick; a slower tick is the redraw throttle, and titles are refreshed just before it. */
class ThrottledSpinner extends Spinner {
  constructor(
    private readonly ms: number,
    private readonly beforeRedraw: () => void,
  ) {
    super();
  }
  override start(cb?: () => void): void {
    super.start(() => {
      this.beforeRedraw();
      cb?.();
    }, this.ms);
  }
}

/** Starts nothing until run-start; end() stops the view cleanly (also when run-end never came). */
export function createTtyRenderer(opts: TtyOptions = {}): Reporter {
  const out = opts.out ?? process.stdout;
  const collector = createRecapCollector();
  const live = new Map<string, LiveRow>();
  const diffs: { head: string; diff: string }[] = [];
  let finalRecap: Recap | undefined;
  let running: Promise<unknown> | undefined;
  let ended: Promise<void> | undefined;

  // Live, show only as many changes per host as keep the view within the terminal's height.
  const liveChanges = () => Math.max(0, Math.min(5, Math.floor((out.rows ?? 40) / Math.max(1, live.size)) - 1));
  const title = (l: LiveRow, final = false) => {
    const max = final ? (opts.verbose ? Infinity : 5) : liveChanges();
    return mask(rowTitle(l.row, finalRecap?.hosts[l.row.host] ?? collector.host(l.row.host), max));
  };

  // Events only mark rows dirty; titles are computed and written silently once per redraw tick.
  const flush = () => {
    for (const l of live.values()) {
      if (!l.dirty || !l.wrapper || l.row.phase === 'done' || l.row.phase === 'stopped') continue;
      l.dirty = false;
      l.wrapper.task.title = title(l);
    }
  };

  const start = (hosts: string[]) => {
    for (const host of hosts) {
      let finish = () => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      live.set(host, { row: createRow(host), dirty: true, wrapper: undefined, finish, finished });
    }
    const rows = [...live.values()];
    const listr = new Listr(
      rows.map((l) => ({
        title: title(l),
        task: async (_ctx: unknown, wrapper: Wrapper) => {
          l.wrapper = wrapper;
          await l.finished;
          wrapper.title = title(l, true);
          // A row stopped before the run's end (interrupt, fatal error) gets listr's "skipped" mark, not a tick.
          if (l.row.phase === 'stopped') return wrapper.skip(title(l, true));
          const err = rowError(l.row);
          if (err !== undefined) throw new Error(mask(err));
        },
      })),
      {
        concurrent: true,
        exitOnError: false,
        collectErrors: false,
        registerSignalListeners: false, // the CLI owns SIGINT and exit codes
        renderer: opts.renderer ?? 'default',
        fallbackRendererCondition: false,
        rendererOptions: {
          spinner: new ThrottledSpinner(opts.redrawMs ?? 120, flush),
          collapseErrors: false,
          showErrorMessage: true,
          formatOutput: 'truncate',
          logger: new ListrLogger({ processOutput: new ProcessOutput(out, process.stderr) }),
        },
      },
    );
    running = listr.run().catch(() => undefined);
  };

  const done = (l: LiveRow, phase: HostRow['phase']) => {
    if (l.row.phase !== 'done') l.row.phase = phase;
    l.finish();
  };

  const sink: EventSink = (e: RunEvent) => {
    collector.sink(e);
    if (e.type === 'run-start') {
      if (!running) start(e.hosts);
      return;
    }
    if (e.type === 'run-end') {
      finalRecap = e.recap;
      for (const l of live.values()) done(l, 'done');
      return;
    }
    if (e.type === 'task' && opts.diff && e.diffs.length > 0) {
      const head = `[${e.host}] ${e.role} › ${e.task}`;
      for (const d of e.diffs) diffs.push({ head: mask(head), diff: mask(d.replace(/\n$/, '')) });
    }
    if (!('host' in e)) return;
    const l = live.get(e.host);
    if (!l) return;
    l.dirty = true;
    if (applyToRow(l.row, e)) l.finish();
  };

  const end = (): Promise<void> =>
    (ended ??= (async () => {
      for (const l of live.values()) done(l, 'stopped');
      await running;
      if (diffs.length > 0) {
        const p = paint(true);
        out.write(`${diffs.map((d) => `${p.bold(d.head)}\n${colorDiff(d.diff, p)}`).join('\n')}\n`);
      }
    })());

  return { sink, end };
}
