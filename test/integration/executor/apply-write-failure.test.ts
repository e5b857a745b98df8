// A write that cannot finish (a full disk) removes its temp file, keeps the old file and names the target.

import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApplyScript, stageWrites } from '../../../src/executor/apply-script.ts';
import { hostPaths } from '../../../src/executor/host-paths.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import { tempDir } from '../../support/temp-dir.ts';

/** Runs script with a fake `cp` first on PATH that writes half the file, then fails as on a full disk. */
function runWithFullDisk(script: string, bin: string): string {
  writeFileSync(
    join(bin, 'cp'),
    '#!/bin/sh\nhead -c 3 "$1" > "$2"\necho "cp: error writing \'$2\': No space left on device" >&2\nexit 1\n',
  );
  chmodSync(join(bin, 'cp'), 0o755);
  try {
    return execFileSync('sh', ['-s'], {
      input: script,
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env['PATH']}` },
    });
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
}

/** A dir with `data` (old content) and `staged` (new content); the apply script that writes one over the other. */
function writeOverOld(prefix: string, content: string): { dir: string; target: string; script: string } {
  const dir = tempDir(prefix);
  const target = join(dir, 'data');
  writeFileSync(target, 'old content\n');
  writeFileSync(join(dir, 'staged'), content);
  const step: WriteStep = {
    kind: 'write',
    summary: `update ${target}`,
    path: target,
    source: { content },
    mode: '0644',
    owner: undefined,
    group: undefined,
    diff: undefined,
  };
  const units = [{ key: 't0', steps: [step], recordPending: [], clearPending: undefined }];
  // The engine's own state (the run's stage dir the script removes at exit) in a temp dir of its own.
  const paths = hostPaths(tempDir('orchestrate-unit-host-'));
  const staged = stageWrites(units, 'unit-run', paths);
  staged.set(step, { step, stagedPath: join(dir, 'staged') });
  return { dir, target, script: buildApplyScript(units, staged, 'unit-run', paths) };
}

describe('executor apply script: a write that fails', () => {
  it('GIVEN a full disk WHEN the temp copy fails THEN ENOSPC and the target are named, the temp is gone, the old file stays', () => {
    const bin = tempDir('orchestrate-unit-bin-');
    const { dir, target, script } = writeOverOld('orchestrate-unit-enospc-', 'new content that does not fit\n');
    const out = runWithFullDisk(script, bin);
    expect(out).to.contain(`cannot write ${target}: ENOSPC, no space left on device in ${dir}`);
    expect(out).to.contain('No space left on device').and.contain('@@orchestrate failed t0');
    expect(readFileSync(target, 'utf8')).to.equal('old content\n');
    expect(readdirSync(dir).sort()).to.deep.equal(['data', 'staged']);
  });

  it('GIVEN the run killed mid-copy WHEN the group gets TERM (the watchdog) THEN the temp file is removed, the old file stays', async function () {
    this.timeout(20_000);
    const bin = tempDir('orchestrate-unit-bin-');
    const { dir, target, script } = writeOverOld('orchestrate-unit-term-', 'new content\n');
    // A copy that is slow: half the file written, then it waits (a big binary on a slow disk).
    writeFileSync(join(bin, 'cp'), '#!/bin/sh\nhead -c 3 "$1" > "$2"\nexec sleep 30\n');
    chmodSync(join(bin, 'cp'), 0o755);
    const child = spawn('sh', ['-s'], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: `${bin}:${process.env['PATH']}` },
    });
    child.stdin.end(script);
    const exited = new Promise((r) => child.once('exit', r));
    const tmp = join(dir, '.data.orchestrate-tmp');
    for (let i = 0; i < 100 && !existsSync(tmp); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(tmp), 'the copy started').to.equal(true);
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    // The unit's subshell runs its trap once its own children are gone: wait for the whole group.
    const alive = (): boolean => {
      try {
        process.kill(-child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(target, 'utf8')).to.equal('old content\n');
    expect(readdirSync(dir).sort()).to.deep.equal(['data', 'staged']);
  });

  it('GIVEN a copy that does not yield to TERM (stuck in the kernel) THEN the temp file is still removed at once, not after the KILL', async function () {
    this.timeout(20_000);
    const bin = tempDir('orchestrate-unit-bin-');
    const { dir, target, script } = writeOverOld('orchestrate-unit-stuck-', 'new content\n');
    // An fsync of a big file under I/O pressure: TERM is not acted on for many seconds.
    writeFileSync(join(bin, 'cp'), '#!/bin/sh\ntrap "" TERM\nhead -c 3 "$1" > "$2"\nsleep 30\n');
    chmodSync(join(bin, 'cp'), 0o755);
    const child = spawn('sh', ['-s'], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: `${bin}:${process.env['PATH']}` },
    });
    child.stdin.end(script);
    const tmp = join(dir, '.data.orchestrate-tmp');
    try {
      for (let i = 0; i < 100 && !existsSync(tmp); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(tmp), 'the copy started').to.equal(true);
      process.kill(-child.pid!, 'SIGTERM');
      for (let i = 0; i < 40 && existsSync(tmp); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(tmp), 'the temp file 2 s after TERM').to.equal(false);
      expect(readFileSync(target, 'utf8')).to.equal('old content\n');
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
