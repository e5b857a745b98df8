import { expect } from 'chai';
import { command } from '../../../src/modules/command.ts';
import type { CommandInput } from '../../../src/modules/command.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import { CHECK, summaries } from './plan.ts';

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
});
