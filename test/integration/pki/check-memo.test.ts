import { expect } from 'chai';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckMemo, memoKey, saveCheckMemo } from '../../../src/pki/check-memo.ts';
import { identityOf } from '../../../src/pki/identity.ts';
import { signedBy } from '../../../src/pki/reissue.ts';
import { keyMatchesCertificate } from '../../../src/pki/keys.ts';
import { issue, makeCa } from '../../doubles/test-pki.ts';
import { removeTempDir, tempDir } from '../../support/temp-dir.ts';

describe('pki check memo (results of pure checks by the sha256 of their PEMs)', () => {
  const ca = makeCa();
  const other = makeCa();
  const leaf = issue(ca, { cn: 'admin', usage: 'client' });
  const foreign = issue(other, { cn: 'admin', usage: 'client' });

  it('GIVEN a check remembered for one certificate WHEN another (same subject, other CA) is checked THEN it is checked afresh', () => {
    expect(signedBy(leaf.certPem, ca.certPem)).to.equal(true);
    expect(signedBy(foreign.certPem, ca.certPem)).to.equal(false);
    expect(keyMatchesCertificate(leaf.keyPem, leaf.certPem)).to.equal(true);
    expect(keyMatchesCertificate(foreign.keyPem, leaf.certPem)).to.equal(false);
  });

  it('GIVEN checks done WHEN saved and loaded THEN the file holds them (0600) and an identity reads back equal, dates as dates', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'cache', 'pki-checks.json');
      const before = identityOf(leaf.certPem);
      signedBy(leaf.certPem, ca.certPem);
      saveCheckMemo(path);
      expect(existsSync(path)).to.equal(true);
      expect(statSync(path).mode & 0o777).to.equal(0o600);
      const saved = JSON.parse(readFileSync(path, 'utf8')) as { identity: object; checks: object };
      expect(saved.identity).to.have.property(memoKey('identity', leaf.certPem));
      expect(saved.checks).to.have.property(memoKey('signed-by', leaf.certPem, ca.certPem), true);
      loadCheckMemo(path);
      const again = identityOf(leaf.certPem);
      expect(again).to.deep.equal(before);
      expect(again.notAfter).to.be.instanceOf(Date);
      loadCheckMemo(join(dir, 'absent.json'));
      expect(identityOf(leaf.certPem)).to.deep.equal(before);
    } finally {
      removeTempDir(dir);
    }
  });
});
