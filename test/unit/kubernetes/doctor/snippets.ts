// Runs doctor probe snippets on this machine: syntax under dash and bash, and for real with a fake systemctl.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = new URL('../../../fixtures/doctor/', import.meta.url).pathname;

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Throws with sh's message when the snippet does not parse (dash, then bash). */
export function checkSyntax(snippet: string): void {
  for (const shell of ['sh', 'bash']) execFileSync(shell, ['-n', '-c', snippet], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const dirs: string[] = [];
process.once('exit', () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temp dir removed when the test process exits. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'orchestrate-doctor-'));
  dirs.push(d);
  return d;
}

export interface FakeSystemctl {
  /** What `systemctl show -p ExecStart --value kubelet` prints ('' = no such unit). */
  readonly kubeletExecStart: string;
  /** What `systemctl is-active systemd-resolved` prints. */
  readonly resolved: string;
}

/** Runs the snippet under sh with a fake systemctl first on PATH (the only test double: it reads nothing). */
export function runSnippet(snippet: string, fake: FakeSystemctl): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'execstart'), fake.kubeletExecStart);
  const script = [
    '#!/bin/sh',
    `case "$*" in`,
    `  "show -p ExecStart --value kubelet") cat '${join(dir, 'execstart')}';;`,
    `  "is-active systemd-resolved") echo '${fake.resolved}';;`,
    '  *) exit 1;;',
    'esac',
  ].join('\n');
  writeFileSync(join(dir, 'bin', 'systemctl'), `${script}\n`);
  chmodSync(join(dir, 'bin', 'systemctl'), 0o755);
  return execFileSync('sh', ['-c', snippet], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
