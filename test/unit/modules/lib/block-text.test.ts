import { expect } from 'chai';
import { blockLines, withBlock } from '../../../../src/modules/lib/block-text.ts';
import type { BlockEdit } from '../../../../src/modules/lib/block-text.ts';
import { PlanConflict } from '../../../../src/modules/lib/steps.ts';

const edit = (lines: string[] | undefined, insert: 'start' | 'end' = 'end'): BlockEdit => ({
  begin: '# B',
  end: '# E',
  lines,
  insert,
});

describe('modules/lib/block-text', () => {
  const cases: { given: string; old: string; edit: BlockEdit; then: string }[] = [
    { given: 'an empty file', old: '', edit: edit(['x']), then: '# B\nx\n# E\n' },
    {
      given: 'the block as wanted, no final newline',
      old: 'a\n# B\nx\n# E',
      edit: edit(['x']),
      then: 'a\n# B\nx\n# E',
    },
    {
      given: 'the block changed, no final newline',
      old: 'a\n# B\nold\n# E',
      edit: edit(['x']),
      then: 'a\n# B\nx\n# E\n',
    },
    { given: 'a block at the start', old: 'a\n', edit: edit(['x'], 'start'), then: '# B\nx\n# E\na\n' },
    { given: 'removal of the only content', old: '# B\nx\n# E\n', edit: edit(undefined), then: '' },
    { given: 'removal when absent', old: 'a', edit: edit(undefined), then: 'a' },
    {
      given: 'an END before the BEGIN of another pair',
      old: '# B\nx\n# E\nz\n',
      edit: edit(['y']),
      then: '# B\ny\n# E\nz\n',
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN edited THEN ${JSON.stringify(c.then)}`, () => {
      expect(withBlock('/f', c.old, c.edit)).to.equal(c.then);
    });

  it('GIVEN an END without BEGIN WHEN edited THEN PlanConflict', () => {
    expect(() => withBlock('/f', 'a\n# E\n', edit(['x']))).to.throw(PlanConflict);
  });

  it('GIVEN block text WHEN split THEN trailing newlines go, an empty block has no lines', () => {
    expect([blockLines('a\nb\n\n'), blockLines(''), blockLines('\n')]).to.deep.equal([['a', 'b'], [], []]);
  });
});
