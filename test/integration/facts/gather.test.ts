import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { gatherFactsThen, type FactsRemote } from '../../../src/facts/gather.ts';

describe('facts/gather (on this machine)', () => {
  it('GIVEN a script to run after the facts WHEN gathered on this machine THEN one exec, facts parsed, its output apart and exact', async () => {
    const scripts: string[] = [];
    const local: FactsRemote = {
      exec: (script) => {
        scripts.push(script);
        return Promise.resolve({
          stdout: execFileSync('sh', ['-s'], { input: script, encoding: 'utf8' }),
          stderr: '',
          code: 0,
        });
      },
    };
    const then = "{\nprintf 'one\\n@@facts end\\nlast'\n} </dev/null";
    const r = await gatherFactsThen(local, then);
    expect(scripts).to.have.length(1);
    expect(r.then).to.equal('one\n@@facts end\nlast');
    expect(r.facts.kernel).to.equal(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect((await gatherFactsThen(local, undefined)).then).to.equal(undefined);
  });
});
