import { expect } from 'chai';
import { artifact } from '../../../src/modules/artifact.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, summaries } from './plan.ts';
import { recordShaShell, stampFile } from '../../../src/modules/lib/sha-stamp.ts';

const HELLO_SHA = '4a1e67f2fe1d1cc7b31d0ca2ec441da4778203a036a77da10344c85e24ff0f92';
const OTHER_SHA = 'f'.repeat(64);

describe('modules/artifact', () => {
  const cases: { given: string; sha: string; mode?: string; probe: string; then: string[] }[] = [
    { given: 'the host has the pinned bytes', sha: HELLO_SHA, probe: cap.FILE_NO_CONTENT, then: [] },
    { given: 'the pin in upper case', sha: HELLO_SHA.toUpperCase(), probe: cap.FILE_NO_CONTENT, then: [] },
    {
      given: 'the host has other bytes',
      sha: OTHER_SHA,
      probe: cap.FILE_NO_CONTENT,
      then: ['write: /usr/local/bin/x 0644'],
    },
    {
      given: 'the right bytes, wrong mode',
      sha: HELLO_SHA,
      mode: '0755',
      probe: cap.FILE_NO_CONTENT,
      then: ['run: chmod 0755 /usr/local/bin/x'],
    },
    { given: 'nothing there', sha: HELLO_SHA, mode: '0755', probe: cap.ABSENT, then: ['write: /usr/local/bin/x 0755'] },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = artifact({ src: '/cache/x', sha256: c.sha, dest: '/usr/local/bin/x', mode: c.mode });
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN an upload WHEN planned THEN the write source is the local file and its pin, never its content', () => {
    const a = artifact({ src: '/cache/x', sha256: OTHER_SHA, dest: '/usr/local/bin/x' });
    expect(a.module.probe(a.params, DIFF)).not.to.include('base64');
    const [step] = a.module.plan(a.params, a.module.parse(cap.FILE_NO_CONTENT, a.params), DIFF) as WriteStep[];
    expect(step!.source).to.deep.equal({ file: '/cache/x', sha256: OTHER_SHA });
    expect(step!.diff).to.include('content not shown').and.include('local file /cache/x');
  });

  it('GIVEN a bad pin WHEN built THEN PLAYBOOK_INVALID', () => {
    expect(() => artifact({ src: '/x', sha256: 'abc', dest: '/y' })).to.throw(/64 hex/);
  });
});

describe('modules/artifact: the sha256 recorded at install (lib/sha-stamp.ts)', () => {
  it('GIVEN an apply that installs a pinned file THEN it records the sha256 with the stamp of the file in place', () => {
    expect(recordShaShell('/usr/local/bin/etcd', HELLO_SHA)).to.contain(stampFile('/usr/local/bin/etcd'));
    expect(stampFile('/a/b')).to.not.equal(stampFile('/a_b'));
  });
});
