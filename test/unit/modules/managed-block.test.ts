import { expect } from 'chai';
import { managedBlock } from '../../../src/modules/managed-block.ts';
import type { ManagedBlockInput } from '../../../src/modules/managed-block.ts';
import { PlanConflict } from '../../../src/modules/lib/steps.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, summaries } from './plan.ts';

const HOSTS = '127.0.0.1 localhost\n::1 localhost\n';
const BLOCK = '# BEGIN ORCHESTRATE MANAGED BLOCK demo\n10.0.0.1 a\n10.0.0.2 b\n# END ORCHESTRATE MANAGED BLOCK demo\n';
const input = (extra: Partial<ManagedBlockInput> = {}): ManagedBlockInput => ({
  path: '/etc/hosts',
  id: 'demo',
  block: '10.0.0.1 a\n10.0.0.2 b',
  ...extra,
});

/** Plans against a captured probe of a file with this text; returns the new text (or undefined for no write). */
function next(text: string, extra: Partial<ManagedBlockInput> = {}): string | undefined {
  const a = managedBlock(input(extra));
  const steps = a.module.plan(a.params, a.module.parse(cap.fileWith(text), a.params), CHECK);
  const write = steps.find((s): s is WriteStep => s.kind === 'write');
  return write === undefined ? undefined : (write.source as { content: string }).content;
}

describe('modules/managed.block', () => {
  const cases: { given: string; text: string; when?: Partial<ManagedBlockInput>; then: string | undefined }[] = [
    { given: 'the block in place', text: HOSTS + BLOCK, then: undefined },
    { given: 'no block yet', text: HOSTS, then: HOSTS + BLOCK },
    { given: 'no trailing newline', text: '127.0.0.1 localhost', then: '127.0.0.1 localhost\n' + BLOCK },
    {
      given: 'an outdated block between other lines',
      text: `a\n${BLOCK.replace('10.0.0.2 b', '10.0.0.9 old')}z\n`,
      then: `a\n${BLOCK}z\n`,
    },
    {
      given: "another id's block",
      text: HOSTS + BLOCK.replace(/demo/g, 'other'),
      then: HOSTS + BLOCK.replace(/demo/g, 'other') + BLOCK,
    },
    { given: 'insert at start', text: HOSTS, when: { insert: 'start' }, then: BLOCK + HOSTS },
    {
      given: 'state absent with the block',
      text: `a\n${BLOCK}z\n`,
      when: { state: 'absent', block: undefined },
      then: 'a\nz\n',
    },
    {
      given: 'state absent without the block',
      text: HOSTS,
      when: { state: 'absent', block: undefined },
      then: undefined,
    },
    {
      given: 'an empty block',
      text: HOSTS,
      when: { block: '' },
      then: HOSTS + '# BEGIN ORCHESTRATE MANAGED BLOCK demo\n# END ORCHESTRATE MANAGED BLOCK demo\n',
    },
    {
      given: 'a custom marker',
      text: 'x\n',
      when: { marker: '; {mark} mine', id: undefined, block: 'k=v' },
      then: 'x\n; BEGIN mine\nk=v\n; END mine\n',
    },
    { given: 'markers with trailing spaces (CRLF-ish)', text: BLOCK.replace(/demo\n/g, 'demo  \n'), then: BLOCK },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then === undefined ? 'no steps' : 'one write with the block in place'}`, () => {
      expect(next(c.text, c.when)).to.equal(c.then);
    });

  it('GIVEN a BEGIN without END WHEN planned THEN PlanConflict (never a second block)', () => {
    expect(() => next(HOSTS + '# BEGIN ORCHESTRATE MANAGED BLOCK demo\nx\n')).to.throw(PlanConflict, /do not pair up/);
  });

  it('GIVEN no file WHEN planned THEN it is created (0644), unless create is false', () => {
    const a = managedBlock(input({ path: '/etc/new/hosts' }));
    expect(summaries(a.module.plan(a.params, a.module.parse(cap.ABSENT_NO_PARENT, a.params), CHECK))).to.deep.equal([
      'run: mkdir -p /etc/new',
      'write: /etc/new/hosts 0644',
    ]);
    const b = managedBlock(input({ create: false }));
    expect(() => b.module.plan(b.params, b.module.parse(cap.ABSENT, b.params), CHECK)).to.throw(
      PlanConflict,
      /create is false/,
    );
  });

  it('GIVEN a 0600 file owned by nobody WHEN rewritten THEN mode and owner are kept', () => {
    const a = managedBlock(input());
    const probe = cap.fileWith(HOSTS, cap.NOBODY_0600.replace(/^sha256=.*$/m, '$&\ncontent='));
    const [step] = a.module.plan(a.params, a.module.parse(probe, a.params), CHECK) as WriteStep[];
    expect([step!.mode, step!.owner, step!.group]).to.deep.equal(['0600', '65534', '65534']);
  });

  it('GIVEN --diff WHEN the block is added THEN the diff shows only the block lines', () => {
    const a = managedBlock(input());
    const [step] = a.module.plan(a.params, a.module.parse(cap.fileWith(HOSTS), a.params), DIFF) as WriteStep[];
    expect(step!.diff).to.include(' ::1 localhost\n+# BEGIN ORCHESTRATE MANAGED BLOCK demo\n+10.0.0.1 a');
  });

  it('GIVEN a binary file WHEN planned THEN PlanConflict', () => {
    const a = managedBlock(input());
    expect(() => a.module.plan(a.params, a.module.parse(cap.BINARY, a.params), CHECK)).to.throw(PlanConflict, /binary/);
  });
});
