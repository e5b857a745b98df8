import { expect } from 'chai';
import {
  DEFAULT_HOST_PATHS,
  hostPaths,
  pendingFile,
  prepareStageShell,
  stageDir,
} from '../../../src/executor/host-paths.ts';
import { buildApplyScript, stageWrites, type ApplyUnit } from '../../../src/executor/apply-script.ts';
import { buildProbesScript } from '../../../src/executor/probe-script.ts';
import type { WriteStep } from '../../../src/modules/types.ts';

const write: WriteStep = {
  kind: 'write',
  summary: 'write /etc/app.conf',
  path: '/etc/app.conf',
  source: { content: 'a=1\n' },
  mode: '0644',
  owner: undefined,
  group: undefined,
  diff: undefined,
};

describe('executor host paths', () => {
  it('GIVEN no state dir WHEN the paths are made THEN everything lies under /var/lib/orchestrate', () => {
    expect(DEFAULT_HOST_PATHS).to.deep.equal({
      state: '/var/lib/orchestrate',
      pending: '/var/lib/orchestrate/pending',
      stage: '/var/lib/orchestrate/stage',
      lock: '/var/lib/orchestrate/lock',
    });
    expect(pendingFile('kube apiserver', 'restart it')).to.equal(
      '/var/lib/orchestrate/pending/kube_apiserver--restart_it',
    );
    expect(stageDir('run 1')).to.equal('/var/lib/orchestrate/stage/run_1');
  });

  it('GIVEN another state dir WHEN the scripts are built THEN they stage, journal and prepare only there', () => {
    const paths = hostPaths('/tmp/host state');
    const units: ApplyUnit[] = [
      {
        key: 't0',
        steps: [write],
        recordPending: [{ file: pendingFile('r', 'restart', paths), handler: 'restart' }],
        clearPending: undefined,
      },
    ];
    const staged = stageWrites(units, 'r1', paths);
    expect(staged.get(write)!.stagedPath).to.equal('/tmp/host state/stage/r1/0');
    const apply = buildApplyScript(units, staged, 'r1', paths);
    expect(apply).to.include(`trap 'rm -rf '\\''/tmp/host state/stage/r1'\\''' EXIT`);
    expect(apply).to.include(`mkdir -p -m 0700 '/tmp/host state/pending'`);
    expect(apply).to.include(`> '/tmp/host state/pending/r--restart'`);
    expect(buildProbesScript([{ role: 'r', items: [] }], '', paths.pending)).to.include(
      `for f in '/tmp/host state/pending'/r--*;`,
    );
    expect(prepareStageShell('r1', 'root', paths)).to.include(
      `mkdir -p -m 0700 '/tmp/host state/stage' '/tmp/host state/stage/r1'`,
    );
    for (const script of [apply, buildProbesScript([{ role: 'r', items: [] }], '', paths.pending)])
      expect(script).not.to.include('/var/lib/orchestrate');
  });
});
