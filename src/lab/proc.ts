// Running machine commands: argv arrays (no shell unless the caller built one with `sh`), output captured.

import { spawn } from 'node:child_process';
import { OrchestrateError } from '../errors.ts';

/** What a finished command left: its status and its captured output. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `run`. */
export interface RunOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs argv, captures stdout/stderr; never throws for a non-zero exit (128+n for a signal). */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const [cmd, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      timeout: opts.timeoutMs,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(new OrchestrateError('LAB_ERROR', `cannot run ${cmd}: ${e.message}`, { cause: e })),
    );
    child.on('close', (code, signal) => {
      const status = code ?? 128 + (signal ? signalNumber(signal) : 0);
      resolve({ code: status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const n: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return n[signal] ?? 0;
}

/** Runs argv and throws LAB_ERROR with the command and its stderr when it fails. */
export async function runOk(argv: readonly string[], opts: RunOptions & { fix?: string } = {}): Promise<string> {
  const r = await run(argv, opts);
  if (r.code !== 0) {
    const detail = (r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n');
    throw new OrchestrateError('LAB_ERROR', `${argv.join(' ')} exited ${r.code}: ${detail}`, {
      ...(opts.fix ? { fix: opts.fix } : {}),
    });
  }
  return r.stdout;
}
