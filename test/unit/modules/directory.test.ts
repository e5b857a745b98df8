import { expect } from 'chai';
import { directory } from '../../../src/modules/directory.ts';
import type { DirectoryInput } from '../../../src/modules/directory.ts';
import { PlanConflict } from '../../../src/modules/lib/steps.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import * as cap from './captured.ts';
import { summaries } from './plan.ts';

const D = '/tmp/cap/dir';

function plan(input: DirectoryInput, stdout: string): string[] {
  const a = directory(input);
  return summaries(a.module.plan(a.params, a.module.parse(stdout, a.params), { facts: undefined, diff: false }));
}

describe('modules/directory', () => {
  const cases: { given: string; probe: string; when: DirectoryInput; then: string[] }[] = [
    {
      given: 'the directory as wanted',
      probe: cap.DIRECTORY,
      when: { path: D, mode: '0755', owner: 'root' },
      then: [],
    },
    { given: 'a directory and no mode wanted', probe: cap.DIRECTORY, when: { path: D }, then: [] },
    { given: 'another mode', probe: cap.DIRECTORY, when: { path: D, mode: 0o700 }, then: [`run: chmod 0700 ${D}`] },
    { given: 'another group', probe: cap.DIRECTORY, when: { path: D, group: 'adm' }, then: [`run: chown :adm ${D}`] },
    {
      given: 'nothing there',
      probe: cap.ABSENT_NO_PARENT,
      when: { path: D, mode: '0750', owner: 'etcd', group: 'etcd' },
      then: [`run: mkdir -p ${D}`, `run: chmod 0750 ${D}`, `run: chown etcd:etcd ${D}`],
    },
    { given: 'nothing there, no mode', probe: cap.ABSENT, when: { path: D }, then: [`run: mkdir -p ${D}`] },
    { given: 'nothing there and state absent', probe: cap.ABSENT, when: { path: D, state: 'absent' }, then: [] },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      expect(plan(c.when, c.probe)).to.deep.equal(c.then);
    });

  it('GIVEN a directory and state absent WHEN planned THEN rm -rf behind a guard refusing /', () => {
    const [step] = plan({ path: D, state: 'absent' }, cap.DIRECTORY);
    expect(step).to.equal(`run: case ${D} in ''|/) echo 'refusing to remove /' >&2; exit 1;; esac; rm -rf -- ${D}`);
  });

  it('GIVEN a regular file at the path WHEN planned present THEN PlanConflict', () => {
    expect(() => plan({ path: D }, cap.FILE_NO_CONTENT)).to.throw(PlanConflict, /not a directory/);
  });

  for (const path of ['/', '/etc', '/usr', ''])
    it(`GIVEN state absent on ${JSON.stringify(path)} WHEN built THEN refused (PLAYBOOK_INVALID)`, () => {
      expect(() => directory({ path, state: 'absent' }))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
    });
});
