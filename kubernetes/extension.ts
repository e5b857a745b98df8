// The Kubernetes extension of orchestrate (package.json "orchestrate.extensions"): `orchestrate lab artifacts`,
// the mirror a controllers/workers `lab up` gets, and the checks and smoke tests doctor and verify run by default.

import { fileURLToPath } from 'node:url';
import { OrchestrateError, defineExtension, type FlagValues } from 'orchestrate';
import { builtMirrorLabHook, fillLabMirror, mirrorSummary, releaseSetFor } from './artifacts/lab-hook.ts';

const bad = (message: string): OrchestrateError =>
  new OrchestrateError('OPTIONS_INVALID', message, { fix: 'orchestrate lab --help' });

const kubernetesOf = (flags: FlagValues): string | undefined => flags['kubernetes'] as string | undefined;

export default defineExtension({
  name: 'kubernetes',
  lab: {
    up: {
      flags: {
        kubernetes: {
          type: 'string',
          value: 'V',
          help: 'the Kubernetes release of a controllers/workers layout (default: the default release line)',
        },
        'no-mirror': { type: 'boolean', help: 'skip the artifacts mirror such a layout gets (docs/artifacts.md)' },
      },
      // Only a controllers/workers layout runs Kubernetes; a plain lab of N hosts needs no mirror.
      prepare: ({ layout, flags }) => {
        const noMirror = flags['no-mirror'] === true;
        if (kubernetesOf(flags) !== undefined && (layout.kind !== 'cluster' || noMirror))
          throw bad(
            '--kubernetes picks the mirror of a cluster layout: give it with --controllers/--workers, without --no-mirror',
          );
        return noMirror || layout.kind !== 'cluster' ? undefined : builtMirrorLabHook(kubernetesOf(flags));
      },
    },
    commands: [
      {
        name: 'artifacts',
        usage: 'artifacts [--kubernetes V]',
        help: 'build what the mirror lacks: every program from its Go module, the images',
        flags: {
          kubernetes: { type: 'string', value: 'V', help: 'the Kubernetes release (default: the default line)' },
        },
        run: async (ctx) => {
          if (ctx.operands.length > 0) throw bad(`lab artifacts takes no argument "${ctx.operands[0]}"`);
          const set = releaseSetFor(kubernetesOf(ctx.flags));
          const log = (line: string): boolean => ctx.stderr.write(`${line}\n`);
          const progress = ctx.progress();
          try {
            const m = await fillLabMirror({ lab: ctx.lab, cacheDir: ctx.cacheDir, log }, set, progress.onStep);
            progress.end();
            ctx.stdout.write(`${mirrorSummary(m)}\n`);
            for (const b of m.built) ctx.stdout.write(`  built ${b}\n`);
          } catch (err) {
            progress.end();
            throw err;
          }
          return 0;
        },
      },
    ],
  },
  doctor: {
    path: fileURLToPath(new URL('./doctor/index.ts', import.meta.url)),
    help: `  Default checks (kubernetes/doctor): the traps that break hand-built Kubernetes clusters.
`,
  },
  verify: {
    path: fileURLToPath(new URL('./verify/index.ts', import.meta.url)),
    help: `  Default tests (kubernetes/verify): the smoke tests of a running Kubernetes cluster (encryption at rest
  read back from etcd, a Deployment, port-forward, logs, exec, a NodePort Service, DNS from a pod), run
  from the first controller.
  NOT read-only: verify creates objects in namespace orchestrate-verify (a Secret, a Deployment, a Service,
  a Pod) and deletes that namespace at the end. It pulls an image on the workers (nginx:1.27, or
  -e verify_image=REF: it must serve HTTP on port 80 and have sh).
  port-forward and exec need kubectl on the first controller; without it they are skipped.
  An API whose gitVersion is not an upstream release and that never schedules a pod answers like a test
  double: verify says CANNOT VERIFY instead of passing. --wait is how long a pod may take to run, image
  pull included.
`,
  },
});
