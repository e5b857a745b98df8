// Progress of a long local build: a listr2 row with the step and its elapsed time on a terminal, plain lines otherwise.

import type { ListrTaskWrapper } from 'listr2';
import type { Progress as BuildProgress, ProgressStep } from '../extension/types.ts';

export type { BuildProgress, ProgressStep };

const label = (s: ProgressStep): string =>
  `${s.component} ${s.version}: ${s.binary === 'module' ? 'resolve modules' : s.binary}`;

/** Plain lines: one when a step starts, one with its time when it ends (CI logs, pipes). */
export function plainProgress(out: NodeJS.WritableStream): BuildProgress {
  return {
    onStep: (s) => {
      if (s.phase === 'start') out.write(`artifacts: ${label(s)} ...\n`);
      else if (s.phase === 'done') out.write(`artifacts: ${label(s)} done in ${s.seconds.toFixed(0)} s\n`);
    },
    end: () => undefined,
  };
}

type Wrapper = ListrTaskWrapper<unknown, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The live view: the current step with a ticking clock; finished steps stay listed below it. */
async function ttyProgress(out: NodeJS.WritableStream): Promise<BuildProgress> {
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  let current: { step: ProgressStep; since: number } | undefined;
  let wrapper: Wrapper | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const t0 = Date.now();
  const title = (): string =>
    current === undefined
      ? `artifacts (${((Date.now() - t0) / 1000).toFixed(0)} s)`
      : `${label(current.step)} (${((Date.now() - current.since) / 1000).toFixed(0)} s)`;
  const listr = new Listr(
    [
      {
        title: title(),
        task: async (_ctx: unknown, w: Wrapper) => {
          wrapper = w;
          await finished;
          w.title = `artifacts: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`;
        },
        rendererOptions: { persistentOutput: true, bottomBar: Infinity },
      },
    ],
    {
      registerSignalListeners: false,
      rendererOptions: {
        logger: new ListrLogger({
          processOutput: new ProcessOutput(out as NodeJS.WriteStream, out as NodeJS.WriteStream),
        }),
      },
    },
  );
  const running = listr.run().catch(() => undefined);
  const tick = setInterval(() => {
    if (wrapper) wrapper.title = title();
  }, 1000);
  return {
    onStep: (s) => {
      if (s.phase === 'start') current = { step: s, since: Date.now() };
      if (s.phase === 'done' && wrapper) wrapper.output = `${label(s)}: ${s.seconds.toFixed(0)} s`;
      if (wrapper) wrapper.title = title();
    },
    end: () => {
      clearInterval(tick);
      finish();
      void running;
    },
  };
}

/** listr2 (loaded only then) when `out` is a terminal and not CI, else plain lines. */
export function buildProgress(out: NodeJS.WritableStream): BuildProgress {
  const tty = (out as { isTTY?: boolean }).isTTY === true && !process.env['CI'];
  if (!tty) return plainProgress(out);
  let live: BuildProgress | undefined;
  const pending: ProgressStep[] = [];
  let ended = false;
  void ttyProgress(out).then((p) => {
    live = p;
    for (const s of pending) p.onStep(s);
    if (ended) p.end();
  });
  return {
    onStep: (s) => (live ? live.onStep(s) : void pending.push(s)),
    end: () => {
      ended = true;
      live?.end();
    },
  };
}
