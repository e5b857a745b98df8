import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { buildProbesScript, parseProbesOutput, type ProbeItem } from '../../../src/executor/probe-script.ts';
import { buildApplyScript, parseApplyOutput, stageWrites, type ApplyUnit } from '../../../src/executor/apply-script.ts';

const buildProbeScript = (role: string, items: readonly ProbeItem[]): string => buildProbesScript([{ role, items }]);
/** Runs the one-role probe script of items and parses its output (or `stdout`, when given, instead). */
const probeOutput = (items: readonly ProbeItem[], stdout?: string) =>
  parseProbesOutput('h1', stdout ?? run(buildProbeScript('web', items)), [{ role: 'web', items }])[0]!;

const run = (script: string): string => {
  try {
    return execFileSync('sh', ['-s'], { input: script, encoding: 'utf8' });
  } catch (err) {
    return (err as { stdout: string }).stdout;
  }
};

describe('executor scripts', () => {
  it('GIVEN probes with and without trailing newlines WHEN run by sh THEN each body comes back exactly', () => {
    const out = probeOutput([
      { key: 't0', probe: "printf 'a\\nb\\n'" },
      { key: 't1', probe: "printf 'no-newline'" },
      { key: 't2', probe: 'true' },
      { key: 'h0', probe: "echo '@@ not a marker'" },
    ]);
    expect(out.byKey.get('t0')).to.equal('a\nb\n');
    expect(out.byKey.get('t1')).to.equal('no-newline');
    expect(out.byKey.get('t2')).to.equal('');
    expect(out.byKey.get('h0')).to.equal('@@ not a marker\n');
    expect(out.pending).to.deep.equal([]);
  });

  it('GIVEN two items with the same probe WHEN run THEN it runs once and both get its output', () => {
    const items = [
      { key: 't0', probe: 'echo state=1' },
      { key: 'h0', probe: 'echo state=1' },
    ];
    expect(buildProbeScript('web', items).match(/state=1/g)).to.have.length(1);
    const out = probeOutput(items);
    expect(out.byKey.get('t0')).to.equal('state=1\n');
    expect(out.byKey.get('h0')).to.equal('state=1\n');
  });

  it('GIVEN a large script on stdin and a probe that reads stdin WHEN run by sh -s THEN every probe runs and none eats the script', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ key: `t${i}`, probe: `cat; echo ${'x'.repeat(200)} ${i}` }));
    const out = probeOutput(items);
    expect(out.byKey.size).to.equal(300);
    expect(out.byKey.get('t299')).to.match(/x+ 299\n$/);
  });

  it('GIVEN a probe script cut short WHEN parsed THEN PROBE_INVALID names the host', () => {
    const items = [{ key: 't0', probe: 'exit 3' }];
    // `exit` inside the subshell only ends the subshell: the script still reaches its end marker.
    expect(probeOutput(items).byKey.get('t0')).to.equal('');
    expect(() => probeOutput(items, 'garbage')).to.throw(/did not run to its end/);
  });

  it('GIVEN units where the second fails WHEN the apply script runs THEN the first is done, the second failed with its output, the third never ran', () => {
    const units: ApplyUnit[] = [
      {
        key: 't0',
        steps: [{ kind: 'run', summary: 'one', script: 'echo one' }],
        recordPending: [],
        clearPending: undefined,
      },
      {
        key: 't1',
        steps: [{ kind: 'run', summary: 'two', script: 'echo two-out; echo two-err >&2; false; echo never' }],
        recordPending: [],
        clearPending: undefined,
      },
      {
        key: 't2',
        steps: [{ kind: 'run', summary: 'three', script: 'echo three' }],
        recordPending: [],
        clearPending: undefined,
      },
    ];
    const script = buildApplyScript(units, stageWrites(units, 'r1'), 'r1');
    const out = parseApplyOutput(run(script), ['t0', 't1', 't2']);
    expect(out.get('t0')).to.deep.include({ status: 'done' });
    const failed = out.get('t1');
    expect(failed?.status).to.equal('failed');
    if (failed?.status === 'failed') {
      expect(failed.output).to.contain('two-out').and.contain('two-err').and.not.contain('never');
      expect(failed.code).to.equal(1);
    }
    expect(out.get('t2')).to.deep.equal({ status: 'not-run' });
  });
});
