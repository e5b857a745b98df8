import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { artifact } from '../../../src/modules/artifact.ts';
import { sha256File } from '../../../src/modules/local-sha256.ts';
import { applyLocally, planLocally, probeLocally, summaries } from './harness.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';
import { recordShaShell, stampFile } from '../../../src/modules/lib/sha-stamp.ts';

const OTHER_SHA = 'f'.repeat(64);

describe('modules/artifact', () => {
  it('GIVEN a local file WHEN sha256File, upload, re-plan THEN the second plan is empty', async () => {
    const dir = tempDir();
    try {
      writeFileSync(`${dir}/bin`, Buffer.alloc(300_000, 7));
      const sha256 = await sha256File(`${dir}/bin`);
      expect(sha256).to.match(/^[0-9a-f]{64}$/);
      const a = artifact({ src: `${dir}/bin`, sha256, dest: `${dir}/out/bin`, mode: '0755' });
      const first = planLocally(a);
      expect(summaries(first.steps)).to.deep.equal([`run: mkdir -p ${dir}/out`, `write: ${dir}/out/bin 0755`]);
      applyLocally(first.steps);
      expect(readFileSync(`${dir}/out/bin`).length).to.equal(300_000);
      expect(planLocally(a).steps).to.deep.equal([]);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('modules/artifact: the sha256 recorded at install (lib/sha-stamp.ts)', () => {
  it('GIVEN a record matching the file THEN the probe trusts it; once the file is touched, it hashes again', () => {
    const dir = tempDir();
    const dest = `${dir}/bin`;
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
      removeTempDir(dir);
    }
  });
});
