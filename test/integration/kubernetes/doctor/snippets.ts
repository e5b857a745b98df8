// Runs doctor probe snippets on this machine: syntax under dash and bash, and for real with a fake systemctl.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../support/temp-dir.ts';

export { fixture } from '../../../unit/kubernetes/doctor/snippets.ts';

/** Throws with sh's message when the snippet does not parse (dash, then bash). */
export function checkSyntax(snippet: string): void {
  for (const shell of ['sh', 'bash']) execFileSync(shell, ['-n', '-c', snippet], { stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface FakeSystemctl {
  /** What `systemctl show -p ExecStart --value kubelet` prints ('' = no such unit). */
  readonly kubeletExecStart: string;
  /** What `systemctl is-active systemd-resolved` prints. */
  readonly resolved: string;
}

/** Runs the snippet under sh with a fake systemctl first on PATH (the only test double: it reads nothing). */
export function runSnippet(snippet: string, fake: FakeSystemctl): string {
  const dir = tempDir('orchestrate-doctor-');
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
