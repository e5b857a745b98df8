import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { copy } from '../../../src/modules/copy.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, summaries } from './plan.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('modules/copy', () => {
  let dir = '';
  beforeEach(() => (dir = tempDir()));
  afterEach(() => removeTempDir(dir));

  const cases: { given: string; local: string; probe: string; mode?: string; then: string[] }[] = [
    { given: 'the host has the same bytes', local: cap.HELLO_WORLD, probe: cap.FILE_NO_CONTENT, then: [] },
    { given: 'the host has other bytes', local: 'new\n', probe: cap.FILE_NO_CONTENT, then: ['write: /srv/a 0644'] },
    {
      given: 'the same bytes, another mode',
      local: cap.HELLO_WORLD,
      probe: cap.FILE_NO_CONTENT,
      mode: '0755',
      then: ['run: chmod 0755 /srv/a'],
    },
    {
      given: 'no parent directory on the host',
      local: 'x',
      probe: cap.ABSENT_NO_PARENT,
      then: ['run: mkdir -p /srv', 'write: /srv/a 0644'],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      writeFileSync(`${dir}/src`, c.local);
      const a = copy({ src: `${dir}/src`, dest: '/srv/a', mode: c.mode });
      expect(a.module.id).to.equal('copy');
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN a missing local file WHEN built THEN PLAYBOOK_INVALID naming it', () => {
    expect(() => copy({ src: `${dir}/missing`, dest: '/srv/a' }))
      .to.throw(/missing/)
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
  });

  it('GIVEN --diff and a text source WHEN planned THEN the diff shows the local text', () => {
    writeFileSync(`${dir}/src`, 'hello\nthere\n');
    const a = copy({ src: `${dir}/src`, dest: '/srv/a' });
    const [step] = a.module.plan(a.params, a.module.parse(cap.FILE_WITH_CONTENT, a.params), DIFF) as WriteStep[];
    expect(step!.diff).to.include('-world\n+there');
  });
});
