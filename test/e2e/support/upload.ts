// Copies a local file to a lab host: ssh with the lab's key, run inside the lab's netns (never from outside).

import { labInfo, labRun } from '../../../src/lab/index.ts';
import { sh } from '../../../src/shell/quote.ts';

/** Streams localPath into remotePath on host (as root); throws with ssh's stderr on failure. */
export async function uploadToHost(lab: string, host: string, localPath: string, remotePath: string): Promise<void> {
  const info = await labInfo(lab);
  const address = info.hosts.find((h) => h.name === host)?.address;
  if (address === undefined) throw new Error(`lab ${lab} has no host ${host}`);
  const ssh = sh`ssh -F /dev/null -i ${info.key} -o IdentitiesOnly=yes -o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes -o BatchMode=yes -o LogLevel=ERROR root@${address}`;
  const remote = sh`cat > ${remotePath}.part && mv ${remotePath}.part ${remotePath}`;
  const r = await labRun(lab, ['sh', '-c', `${ssh} ${sh`${remote}`} < ${sh`${localPath}`}`], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`upload to ${host}:${remotePath} failed (exit ${r.code}): ${r.stderr}`);
}
