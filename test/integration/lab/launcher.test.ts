import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { nspawnArgs, renderLauncher } from '../../../src/lab/launcher.ts';
import { labPaths } from '../../../src/lab/paths.ts';

const lab = labPaths('e2e-lab');
const host = { name: 'controller-0', address: '10.240.0.10', groups: ['controllers'] };

describe('lab/launcher (checked by sh)', () => {
  const args = nspawnArgs(lab, host, { bindReadOnly: [] });
  const script = renderLauncher(lab, host, ['/sys/fs/cgroup/memory/a b/orch-e2e-lab/controller-0/cgroup.procs'], args);

  it('is valid sh', () => {
    const r = spawnSync('sh', ['-n'], { input: script });
    expect(r.status, r.stderr.toString()).to.equal(0);
  });
});
