import { expect } from 'chai';
import { isOrchestrateError } from '../../../src/errors.ts';
import { gatherFacts, type FactsRemote } from '../../../src/facts/gather.ts';
import { factsScript } from '../../../src/facts/script.ts';
import { fixture } from './fixtures.ts';

/** A fake connection that answers every exec with one canned result and records the scripts. */
function fakeRemote(stdout: string, code: number | null = 0, stderr = ''): FactsRemote & { scripts: string[] } {
  const scripts: string[] = [];
  return {
    name: 'worker-1',
    scripts,
    exec: (script) => {
      scripts.push(script);
      return Promise.resolve({ stdout, stderr, code });
    },
  };
}

describe('facts/gather', () => {
  it('one exec of the gather script, parsed into Facts', async () => {
    // GIVEN a host that answers with the Ubuntu 22.04 output  WHEN gathered  THEN one round trip
    const remote = fakeRemote(fixture('ubuntu2204'));
    const facts = await gatherFacts(remote, () => new Date('2025-05-05T00:00:00Z'));
    expect(remote.scripts).to.deep.equal([factsScript()]);
    expect(facts.hostname).to.equal('worker-1');
    expect(facts.resolved.stub).to.equal(true);
    expect(facts.gatheredAt).to.equal('2025-05-05T00:00:00.000Z');
  });

  it('a script that died: PROBE_INVALID with the host, exit code and stderr', async () => {
    // GIVEN a host whose shell failed half way  WHEN gathered  THEN the error says where and why
    const remote = fakeRemote('\n@@facts os-release\nID=debian\n', 2, 'sh: 3: Syntax error\n');
    const err = await gatherFacts(remote).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isOrchestrateError(err, 'PROBE_INVALID')).to.equal(true);
    if (!isOrchestrateError(err)) return;
    expect(err.host).to.equal('worker-1');
    expect(err.message).to.match(/^worker-1: facts: section "end" is missing/);
    expect(err.message).to.contain('exited 2: sh: 3: Syntax error');
  });

  it('connection errors pass through untouched', async () => {
    const boom = new Error('connection reset');
    const remote: FactsRemote = { exec: () => Promise.reject(boom) };
    const err = await gatherFacts(remote).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.equal(boom);
  });
});
