// Cheap fresh hosts for repeated runs: keep each host's disk (its overlay upper) as it was after
// `lab up`, and put it back (hosts powered off, containerd dir emptied) instead of a new lab.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { labPaths, startHost, stopHost } from '../../../src/lab/index.ts';

const run = promisify(execFile);

/** Powers the hosts off, copies each upper dir to upper.pristine, powers them on again. */
export async function snapshotHosts(lab: string, hosts: readonly string[]): Promise<void> {
  await Promise.all(
    hosts.map(async (h) => {
      const hp = labPaths(lab).host(h);
      await stopHost(lab, h);
      await run('sh', ['-c', 'rm -rf "$1.pristine" && cp -a "$1" "$1.pristine"', 'sh', hp.upper]);
      await startHost(lab, h);
    }),
  );
}

/** Powers the hosts off, restores every upper from its snapshot, empties /var/lib/containerd, boots them. */
export async function restoreHosts(lab: string, hosts: readonly string[]): Promise<void> {
  await Promise.all(
    hosts.map(async (h) => {
      const hp = labPaths(lab).host(h);
      await stopHost(lab, h);
      const script =
        'rm -rf "$1" "$2" && cp -a "$1.pristine" "$1" && mkdir -m 0755 "$2" && find "$3" -mindepth 1 -delete';
      await run('sh', ['-c', script, 'sh', hp.upper, hp.work, hp.containerdDir]);
      await startHost(lab, h);
    }),
  );
}
