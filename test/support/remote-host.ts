// The one RemoteHost double of the tests: each exec answered by a function (the local sh, or a list
// of answers), every script and lock recorded; uploads and locks refused unless a test allows them.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import type { ExecResult, RemoteHost, UploadSource } from '../../src/connection/types.ts';

export interface TestHostOptions {
  /** Answers each exec (default: refuses). */
  readonly exec?: (script: string) => ExecResult | Promise<ExecResult>;
  /** Takes each upload (default: refuses). */
  readonly upload?: (path: string, source: UploadSource) => void | Promise<void>;
  /** lock() and lockAndExec() succeed (default: they refuse). */
  readonly locks?: boolean;
}

/** A RemoteHost that also shows what it was asked. */
export interface TestHost extends RemoteHost {
  /** Every script run, in order (lockAndExec's included). */
  readonly scripts: string[];
  /** Every lock path taken, in order. */
  readonly locks: string[];
}

/** A host named `name` that answers as `opts` says. */
export function testHost(name: string, opts: TestHostOptions = {}): TestHost {
  const scripts: string[] = [];
  const locks: string[] = [];
  const refuse = (what: string) => new Error(`${name}: this test expects no ${what}`);
  const exec = async (script: string): Promise<ExecResult> => {
    scripts.push(script);
    if (!opts.exec) throw refuse('exec');
    return opts.exec(script);
  };
  const lock = async (path: string): Promise<void> => {
    if (!opts.locks) throw refuse('lock');
    locks.push(path);
  };
  return {
    name,
    scripts,
    locks,
    get execCount() {
      return scripts.length;
    },
    exec,
    async upload(path, source) {
      if (!opts.upload) throw refuse('upload');
      await opts.upload(path, source);
    },
    lock,
    async lockAndExec(path, _waitMs, script) {
      await lock(path);
      return exec(script);
    },
    async close() {},
  };
}

/** Runs the script with this machine's sh, as a host would (integration tests only: it starts a process). */
export function localShell(script: string): ExecResult {
  const r = spawnSync('sh', ['-s'], { input: script, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status, signal: r.signal ?? undefined };
}

/** Writes an upload to that path on this machine, as SFTP would (mode 0600). */
export function localUpload(path: string, source: UploadSource): void {
  if (source.file !== undefined) copyFileSync(source.file, path);
  else writeFileSync(path, source.content ?? Buffer.alloc(0));
  chmodSync(path, 0o600);
}

/** Answers execs in turn from a list: a string is stdout (exit 0), an Error is thrown; '' once it runs out. */
export function answers(list: readonly (string | Error)[]): (script: string) => ExecResult {
  let n = 0;
  return () => {
    const a = list[n++];
    if (a instanceof Error) throw a;
    return { stdout: a ?? '', stderr: '', code: 0, signal: undefined };
  };
}
