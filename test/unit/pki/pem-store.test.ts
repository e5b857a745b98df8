import { expect } from 'chai';
import { chmodSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isOrchestrateError } from '../../../src/errors.ts';
import { ensurePrivateDir, readPrivateFile, readPublicFile, writeFileIfChanged } from '../../../src/pki/index.ts';
import { mask } from '../../../src/secret.ts';
import { tempDir } from '../../support/temp-dir.ts';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('pki/pem-store', function () {
  this.timeout(30_000);

  it('GIVEN a file read once WHEN rewritten with other bytes of the same size (mtime set back) THEN the next read sees the new bytes', () => {
    const path = join(tempDir(), 'ca.pem');
    writeFileSync(path, 'AAAA');
    const before = statSync(path);
    expect(readPublicFile(path)).to.equal('AAAA');
    expect(readPublicFile(path)).to.equal('AAAA');
    writeFileSync(path, 'BBBB');
    utimesSync(path, before.atime, before.mtime); // only ctime tells the rewrite now
    expect(readPublicFile(path)).to.equal('BBBB');
  });

  it('ensurePrivateDir creates 0700 dirs with parents and accepts them again', () => {
    const dir = join(tempDir(), 'a', 'pki');
    ensurePrivateDir(dir);
    expect(mode(dir)).to.equal(0o700);
    ensurePrivateDir(dir);
  });

  it('ensurePrivateDir refuses a dir open to others, with chmod 700 as the fix', () => {
    const dir = join(tempDir(), 'pki');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    try {
      ensurePrivateDir(dir);
      expect.fail('accepted an open dir');
    } catch (err) {
      expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
      expect((err as { fix: string }).fix).to.equal(`chmod 700 ${dir} (it holds private keys)`);
    }
  });

  it('readPrivateFile refuses a key readable by group or others, with chmod 600 as the fix', () => {
    const path = join(tempDir(), 'k.pem');
    writeFileSync(path, 'secret', { mode: 0o644 });
    chmodSync(path, 0o644);
    try {
      readPrivateFile(path);
      expect.fail('read a 0644 key');
    } catch (err) {
      expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
      expect((err as Error).message).to.match(/mode 0644/);
      expect((err as { fix: string }).fix).to.equal(`chmod 600 ${path}`);
    }
    chmodSync(path, 0o640);
    expect(() => readPrivateFile(path)).to.throw(/accessible by group or others/);
  });

  it('readPrivateFile registers what it reads as a secret; absent files are undefined', () => {
    const dir = tempDir();
    const path = join(dir, 'k');
    const value = 'a-private-value-that-must-not-leak-0123456789';
    writeFileSync(path, value, { mode: 0o600 });
    expect(readPrivateFile(path)).to.equal(value);
    expect(mask(`log: ${value}`)).to.not.include(value);
    expect(readPrivateFile(join(dir, 'nope'))).to.equal(undefined);
    expect(readPublicFile(join(dir, 'nope'))).to.equal(undefined);
  });

  it('writeFileIfChanged writes with the mode, then leaves identical bytes alone (mtime kept)', () => {
    const path = join(tempDir(), 'f.pem');
    expect(writeFileIfChanged(path, 'one\n', 0o600)).to.equal(true);
    expect(mode(path)).to.equal(0o600);
    utimesSync(path, new Date(1_000_000), new Date(1_000_000));
    expect(writeFileIfChanged(path, 'one\n', 0o600)).to.equal(false);
    expect(statSync(path).mtimeMs).to.equal(1_000_000);
    expect(writeFileIfChanged(path, 'two\n', 0o644)).to.equal(true);
    expect(readFileSync(path, 'utf8')).to.equal('two\n');
    expect(mode(path)).to.equal(0o644);
  });
});
