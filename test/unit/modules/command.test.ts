import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { command } from '../../../src/modules/command.ts';
import type { CommandInput } from '../../../src/modules/command.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import { CHECK, applyLocally, planLocally, summaries, tempDir } from './harness.ts';

describe('modules/command', () => {
  const cases: { given: string; when: CommandInput; probe: string; then: string[] }[] = [
    { given: 'no guard', when: { run: 'echo hi' }, probe: '', then: ['run: echo hi'] },
    { given: 'creates: the path exists', when: { run: 'make', creates: '/opt/x' }, probe: 'creates=yes\n', then: [] },
    {
      given: 'creates: the path is missing',
      when: { run: 'make', creates: '/opt/x' },
      probe: 'creates=no\n',
      then: ['run: make'],
    },
    {
      given: 'removes: the path is missing',
      when: { run: 'rm /opt/x', removes: '/opt/x' },
      probe: 'removes=no\n',
      then: [],
    },
    { given: 'unless exits 0', when: { run: 'x', unless: 'true' }, probe: 'unless=0\n', then: [] },
    { given: 'unless exits 1', when: { run: 'x', unless: 'false' }, probe: 'unless=1\n', then: ['run: x'] },
    { given: 'onlyIf exits 2', when: { run: 'x', onlyIf: 'test -f /y' }, probe: 'onlyif=2\n', then: [] },
    {
      given: 'onlyIf exits 0 and creates missing',
      when: { run: 'x', onlyIf: 'true', creates: '/z' },
      probe: 'creates=no\nonlyif=0\n',
      then: ['run: x'],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = command(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN a guard asked for but missing from the output WHEN parsed THEN PROBE_INVALID', () => {
    const a = command({ run: 'x', creates: '/a' });
    expect(() => a.module.parse('', a.params))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
  });

  it('GIVEN a multi-line script and a summary WHEN planned THEN the summary names it and the script is inserted as is', () => {
    const a = command({ run: 'set -x\necho a\necho b', summary: 'bootstrap' });
    expect(a.module.plan(a.params, a.module.parse('', a.params), CHECK)).to.deep.equal([
      { kind: 'run', summary: 'bootstrap', script: 'set -x\necho a\necho b' },
    ]);
  });

  it('GIVEN an empty command WHEN built THEN PLAYBOOK_INVALID', () => {
    expect(() => command({ run: ' ' }))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });

  describe('round trip on this machine (temp dir)', () => {
    let dir: ReturnType<typeof tempDir>;
    beforeEach(() => (dir = tempDir()));
    afterEach(() => dir.remove());

    it('GIVEN creates WHEN applied THEN the next plan is empty', () => {
      const a = command({ run: `date > ${dir.path}/stamp`, creates: `${dir.path}/stamp` });
      const first = planLocally(a);
      expect(first.stdout).to.equal('creates=no\n');
      applyLocally(first.steps);
      expect(existsSync(`${dir.path}/stamp`)).to.equal(true);
      expect(planLocally(a).steps).to.deep.equal([]);
    });

    it('GIVEN unless and onlyIf with noisy output WHEN probed for real THEN only the exit codes come back', () => {
      writeFileSync(`${dir.path}/conf`, 'a=1\n');
      const a = command({
        run: `echo a=2 > ${dir.path}/conf`,
        unless: `echo noise; echo err >&2; grep -q a=2 ${dir.path}/conf # trailing comment`,
        onlyIf: `cat ${dir.path}/conf`,
      });
      const first = planLocally(a);
      expect(first.stdout).to.equal('unless=1\nonlyif=0\n');
      applyLocally(first.steps);
      expect(planLocally(a).steps).to.deep.equal([]);
    });

    it('GIVEN no guard WHEN applied THEN it is planned again (changed every run, by design)', () => {
      const a = command({ run: 'true' });
      applyLocally(planLocally(a).steps);
      expect(planLocally(a).steps).to.have.length(1);
    });
  });
});
