import { expect } from 'chai';
import { file, fileModule } from '../../../src/modules/file.ts';
import type { FileInput } from '../../../src/modules/file.ts';
import { PlanConflict } from '../../../src/modules/lib/steps.ts';
import { secret, SECRET_MASK } from '../../../src/secret.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, summaries } from './plan.ts';

const P = '/tmp/cap/etc/a.conf';

/** parse + plan of a captured probe output. */
function plan(input: FileInput, stdout: string, ctx = CHECK) {
  const a = file(input);
  return a.module.plan(a.params, a.module.parse(stdout, a.params), ctx);
}

describe('modules/file', () => {
  describe('plan (captured probe output in, steps out)', () => {
    const cases: { given: string; when: FileInput; then: string[] }[] = [
      { given: 'the file as wanted', when: { path: P, content: cap.HELLO_WORLD }, then: [] },
      {
        given: 'the file as wanted (mode as number)',
        when: { path: P, content: cap.HELLO_WORLD, mode: 0o644 },
        then: [],
      },
      { given: 'other content', when: { path: P, content: 'hello\nthere\n' }, then: [`write: ${P} 0644`] },
      {
        given: 'only the mode differs',
        when: { path: P, content: cap.HELLO_WORLD, mode: '0600' },
        then: [`run: chmod 0600 ${P}`],
      },
      {
        given: 'only owner and group differ',
        when: { path: P, content: cap.HELLO_WORLD, owner: 'nobody', group: 'nogroup' },
        then: [`run: chown nobody:nogroup ${P}`],
      },
      {
        given: 'owner wanted by uid, which matches',
        when: { path: P, content: cap.HELLO_WORLD, owner: '0' },
        then: [],
      },
      { given: 'a file to remove', when: { path: P, state: 'absent' }, then: [`run: rm -f ${P}`] },
    ];
    for (const c of cases)
      it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
        expect(summaries(plan(c.when, cap.FILE_NO_CONTENT))).to.deep.equal(c.then);
      });

    it('GIVEN no file and no parent directory WHEN planned THEN mkdir -p the parent, then write', () => {
      const steps = plan(
        { path: '/tmp/cap/nope/x.conf', content: 'x\n', mode: '0640', owner: 'root' },
        cap.ABSENT_NO_PARENT,
      );
      expect(summaries(steps)).to.deep.equal(['run: mkdir -p /tmp/cap/nope', 'write: /tmp/cap/nope/x.conf 0640']);
      expect((steps[1] as WriteStep).owner).to.equal('root');
      expect(steps[1]!.summary).to.equal('create /tmp/cap/nope/x.conf');
    });

    it('GIVEN nothing there and state absent WHEN planned THEN no steps', () => {
      expect(plan({ path: P, state: 'absent' }, cap.ABSENT)).to.deep.equal([]);
    });

    it('GIVEN a symlink at the path WHEN planned THEN it is replaced by a regular file', () => {
      const steps = plan({ path: P, content: 'x' }, cap.SYMLINK);
      expect(steps.map((s) => s.summary)).to.deep.equal([`replace symlink ${P}`]);
    });

    it('GIVEN a directory at the path WHEN planned THEN PlanConflict, nothing is replaced', () => {
      expect(() => plan({ path: P, content: 'x' }, cap.DIRECTORY)).to.throw(PlanConflict, /is a directory/);
      expect(() => plan({ path: P, state: 'absent' }, cap.DIRECTORY)).to.throw(PlanConflict);
    });
  });

  describe('diff', () => {
    it('GIVEN --diff and changed text WHEN planned THEN a unified diff old -> new', () => {
      const [step] = plan({ path: P, content: 'hello\nthere\n' }, cap.FILE_WITH_CONTENT, DIFF) as WriteStep[];
      expect(step!.diff).to.equal(`--- ${P}\n+++ ${P}\n@@ -1,2 +1,2 @@\n hello\n-world\n+there\n`);
    });

    it('GIVEN no --diff WHEN planned THEN no diff is built', () => {
      const [step] = plan({ path: P, content: 'hello\nthere\n' }, cap.FILE_NO_CONTENT) as WriteStep[];
      expect(step!.diff).to.equal(undefined);
    });

    it('GIVEN secret content WHEN probed and planned with --diff THEN old content is not fetched and the diff is masked', () => {
      const a = file({ path: P, content: secret('s3cr3t-token-value') });
      expect(a.module.probe(a.params, DIFF)).not.to.include('base64');
      const [step] = a.module.plan(a.params, a.module.parse(cap.FILE_NO_CONTENT, a.params), DIFF) as WriteStep[];
      expect(step!.diff).to.include(SECRET_MASK).and.not.include('s3cr3t');
    });

    it('GIVEN a text file containing a registered secret WHEN diffed THEN the value is masked', () => {
      const s = secret('another-secret-1234');
      const [step] = plan({ path: P, content: `token=${s.reveal()}\n` }, cap.FILE_WITH_CONTENT, DIFF) as WriteStep[];
      expect(step!.diff).to.include(`+token=${SECRET_MASK}`).and.not.include('another-secret');
    });

    it('GIVEN a binary file on the host WHEN diffed THEN it is described, not printed', () => {
      const [step] = plan({ path: P, content: 'text\n' }, cap.BINARY, DIFF) as WriteStep[];
      expect(step!.diff).to.include('content not shown: before 9 bytes, binary');
    });
  });

  describe('parse', () => {
    it('GIVEN captured output WHEN parsed THEN every field is typed', () => {
      const a = file({ path: P, content: '' });
      expect(a.module.parse(cap.NOBODY_0600, a.params)).to.deep.include({
        type: 'file',
        mode: '0600',
        owner: 'nobody',
        uid: '65534',
        group: 'nogroup',
        size: 7,
        content: undefined,
      });
      expect(a.module.parse(cap.FILE_WITH_CONTENT, a.params).content?.toString()).to.equal(cap.HELLO_WORLD);
    });

    for (const [what, out] of [
      ['a login banner', 'Welcome to Debian!\n' + cap.ABSENT],
      ['an unknown type', 'type=fifo\nparent=yes\n'],
      ['a file without sha256 (unreadable)', cap.FILE_NO_CONTENT.replace(/^sha256=.*$/m, 'sha256=')],
      ['empty output', ''],
    ] as const)
      it(`GIVEN ${what} WHEN parsed THEN PROBE_INVALID`, () => {
        const a = file({ path: P, content: '' });
        expect(() => fileModule.parse(out, a.params))
          .to.throw()
          .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
      });
  });

  describe('constructor', () => {
    for (const path of ['relative/x', '/etc/../x', '/etc/x/', '/etc//x'])
      it(`GIVEN path ${path} WHEN built THEN PLAYBOOK_INVALID`, () => {
        expect(() => file({ path, content: '' }))
          .to.throw()
          .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
      });
    it('GIVEN mode 0999 WHEN built THEN PLAYBOOK_INVALID', () => {
      expect(() => file({ path: '/x', content: '', mode: '0999' })).to.throw(/octal/);
    });
  });
});
