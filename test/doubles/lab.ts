// Using the doubles in lab hosts: the node bind every lab needs, and copying files onto a host over ssh.

import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { labInfo, labPaths, sshArgv, type LabBind } from '../../src/lab/index.ts';
import { sh } from '../../src/shell/quote.ts';
import { DOUBLE_NODE_PATH } from './build.ts';

/** The bind that gives lab hosts this machine's node where the doubles look for it. */
export function doublesNodeBind(): LabBind {
  return { source: realpathSync(process.execPath), target: DOUBLE_NODE_PATH, readOnly: true };
}

/** Writes content to path on a lab host (parent dirs made, mode set) through ssh's stdin, inside the lab's netns. */
export async function putFile(
  lab: string,
  host: string,
  path: string,
  content: string | Buffer,
  mode = '0644',
): Promise<void> {
  const info = await labInfo(lab);
  const h = info.hosts.find((x) => x.name === host);
  if (h === undefined) throw new Error(`lab ${lab} has no host ${host}`);
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const script = sh`mkdir -p ${dir} && cat > ${path}.tmp && chmod ${mode} ${path}.tmp && mv ${path}.tmp ${path}`;
  const argv = sshArgv(labPaths(lab), h.address, [script]);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`putFile ${host}:${path}: exit ${code}: ${err}`)),
    );
    child.stdin.end(content);
  });
}
