import { expect } from 'chai';
import { buildApplyScript, stageWrites } from '../../../src/executor/apply-script.ts';
import { splitMarked } from '../../../src/executor/markers.ts';

describe('executor scripts', () => {
  it('GIVEN write steps WHEN staged THEN each gets its own path under the run stage dir, in order', () => {
    const w = (path: string) => ({
      kind: 'write' as const,
      summary: path,
      path,
      source: { content: 'x' },
      mode: '0644',
      owner: undefined,
      group: undefined,
      diff: undefined,
    });
    const a = w('/etc/a');
    const b = w('/etc/b');
    const staged = stageWrites([{ key: 't0', steps: [a, b], recordPending: [], clearPending: undefined }], 'run-1');
    expect(staged.get(a)?.stagedPath).to.equal('/var/lib/orchestrate/stage/run-1/0');
    expect(staged.get(b)?.stagedPath).to.equal('/var/lib/orchestrate/stage/run-1/1');
    const script = buildApplyScript(
      [
        {
          key: 't0',
          steps: [a],
          recordPending: [{ file: '/var/lib/orchestrate/pending/r--h', handler: 'h' }],
          clearPending: undefined,
        },
      ],
      staged,
      'run-1',
    );
    // The pending journal is written before the content moves into place; the move is a rename in the target dir.
    expect(script.indexOf('pending/r--h')).to.be.lessThan(script.indexOf('mv -f /etc/.a.orchestrate-tmp /etc/a'));
    expect(script).to.contain('sync /etc/.a.orchestrate-tmp');
  });

  it('GIVEN output without a trailing newline before a marker WHEN split THEN bodies are exact', () => {
    const { sections } = splitMarked('pre\n@@orchestrate probe t0 \nabc\n@@orchestrate end x \n');
    expect(sections[0]).to.deep.include({ kind: 'probe', id: 't0', body: 'abc' });
  });
});
