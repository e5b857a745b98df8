// The benchmark needs Debian's ansible on the control machine: installed here (as root) when missing.

import { spawnSync } from 'node:child_process';

/** ansible-playbook's version line; installs the `ansible` package with apt-get first when it is missing. */
export function ensureAnsible(log: (line: string) => void): string {
  const has = (): boolean => spawnSync('sh', ['-c', 'command -v ansible-playbook'], { stdio: 'ignore' }).status === 0;
  if (!has()) {
    log("bench: installing Debian's ansible package (apt-get install -y ansible)");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'ansible'], { stdio: 'inherit', env });
    if (r.status !== 0 || !has())
      throw new Error('could not install ansible: run `apt-get install -y ansible` as root');
  }
  return spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
}
