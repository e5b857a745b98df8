import { expect } from 'chai';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isOrchestrateError } from '../../../../src/errors.ts';
import { Secret, mask } from '../../../../src/secret.ts';
import {
  ENCRYPTION_KEY_FILE,
  ensureEncryptionKey,
  readEncryptionKey,
  renderEncryptionConfig,
} from '../../../../kubernetes/pki/index.ts';
import { tempDir } from '../../../support/temp-dir.ts';

describe('kubernetes/pki encryption config', function () {
  this.timeout(120_000);

  it('GIVEN no key THEN 32 random bytes are made once, stored 0600 in secrets/ (0700), and kept by every re-run', () => {
    const dir = tempDir();
    const first = ensureEncryptionKey(dir, { check: false });
    expect(first.generated).to.equal(true);
    const path = join(dir, ENCRYPTION_KEY_FILE);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).to.equal(0o700);
    expect(Buffer.from(first.key!.reveal(), 'base64')).to.have.length(32);
    const mtime = statSync(path).mtimeMs;
    const again = ensureEncryptionKey(dir, { check: false });
    expect(again.generated).to.equal(false);
    expect(again.key!.reveal()).to.equal(first.key!.reveal());
    expect(statSync(path).mtimeMs).to.equal(mtime);
    expect(mask(`key=${first.key!.reveal()}`)).to.equal('key=********');
  });

  it('in check mode nothing is written', () => {
    const dir = tempDir();
    expect(ensureEncryptionKey(dir, { check: true })).to.deep.equal({ key: undefined, generated: true });
    expect(readEncryptionKey(dir)).to.equal(undefined);
  });

  it('GIVEN a key readable by others THEN refused with chmod 600; GIVEN a damaged key THEN refused, never replaced', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
    const path = join(dir, ENCRYPTION_KEY_FILE);
    writeFileSync(path, `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o644 });
    chmodSync(path, 0o644);
    expect(() => ensureEncryptionKey(dir, { check: false })).to.throw(/refusing to use it/);
    chmodSync(path, 0o600);
    writeFileSync(path, 'short\n');
    try {
      ensureEncryptionKey(dir, { check: false });
      expect.fail('no error');
    } catch (err) {
      expect(isOrchestrateError(err, 'STATE_DIR_INVALID')).to.equal(true);
      expect((err as { fix: string }).fix).to.match(/restore .* from your backup/);
    }
    expect(readFileSync(path, 'utf8')).to.equal('short\n');
  });

  it('renders EncryptionConfiguration v1: aescbc key1, then identity; a Secret', () => {
    const key = new Secret(Buffer.alloc(32, 7).toString('base64'));
    const config = renderEncryptionConfig(key);
    expect(config).to.be.instanceOf(Secret);
    expect(parse(config.reveal())).to.deep.equal({
      kind: 'EncryptionConfiguration',
      apiVersion: 'apiserver.config.k8s.io/v1',
      resources: [
        {
          resources: ['secrets'],
          providers: [{ aescbc: { keys: [{ name: 'key1', secret: key.reveal() }] } }, { identity: {} }],
        },
      ],
    });
  });
});
