import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { artifact } from '../../../src/modules/artifact.ts';
import { sha256File } from '../../../src/modules/local-sha256.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, applyLocally, planLocally, probeLocally, summaries, tempDir } from './harness.ts';
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

  it('GIVEN a local file WHEN sha256File, upload, re-plan THEN the second plan is empty', async () => {
    const dir = tempDir();
    try {
      writeFileSync(`${dir.path}/bin`, Buffer.alloc(300_000, 7));
      const sha256 = await sha256File(`${dir.path}/bin`);
      expect(sha256).to.match(/^[0-9a-f]{64}$/);
      const a = artifact({ src: `${dir.path}/bin`, sha256, dest: `${dir.path}/out/bin`, mode: '0755' });
      const first = planLocally(a);
      expect(summaries(first.steps)).to.deep.equal([
        `run: mkdir -p ${dir.path}/out`,
        `write: ${dir.path}/out/bin 0755`,
      ]);
      applyLocally(first.steps);
      expect(readFileSync(`${dir.path}/out/bin`).length).to.equal(300_000);
      expect(planLocally(a).steps).to.deep.equal([]);
    } finally {
      dir.remove();
    }
  });
});

describe('modules/artifact: the sha256 recorded at install (lib/sha-stamp.ts)', () => {
  it('GIVEN a record matching the file THEN the probe trusts it; once the file is touched, it hashes again', () => {
    const dir = tempDir();
    const dest = `${dir.path}/bin`;
    try {
      writeFileSync(dest, 'hello\n');
      const real = createHash('sha256').update('hello\n').digest('hex');
      const a = artifact({ src: '/cache/x', sha256: OTHER_SHA, dest });
      expect(a.module.parse(probeLocally(a), a.params).sha256, 'no record: hashed').to.equal(real);
      // A record claiming other bytes: only its use can make the probe report OTHER_SHA.
      execFileSync('sh', ['-c', recordShaShell(dest, OTHER_SHA)]);
      expect(readFileSync(stampFile(dest), 'utf8').trim().split('\n')[1]).to.equal(OTHER_SHA);
      expect(a.module.parse(probeLocally(a), a.params).sha256, 'record used').to.equal(OTHER_SHA);
      chmodSync(dest, 0o600); // ctime moves: the record no longer vouches for the file
      expect(a.module.parse(probeLocally(a), a.params).sha256, 'stale record: hashed').to.equal(real);
    } finally {
      rmSync(stampFile(dest), { force: true });
      dir.remove();
    }
  });

  it('GIVEN an apply that installs a pinned file THEN it records the sha256 with the stamp of the file in place', () => {
    expect(recordShaShell('/usr/local/bin/etcd', HELLO_SHA)).to.contain(stampFile('/usr/local/bin/etcd'));
    expect(stampFile('/a/b')).to.not.equal(stampFile('/a_b'));
  });
});
