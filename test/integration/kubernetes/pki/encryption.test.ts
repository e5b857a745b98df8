import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Secret } from '../../../../src/secret.ts';
import {
  ENCRYPTION_KEY_FILE,
  ensurePki,
  pkiFilesFor,
  readEncryptionKey,
  renderEncryptionConfig,
} from '../../../../kubernetes/pki/index.ts';
import { copyOfSharedState, kthwModel, sharedState } from '../../../unit/kubernetes/pki/fixtures.ts';

describe('kubernetes/pki encryption config', function () {
  this.timeout(120_000);

  it('the key survives a whole ensurePki re-run', async () => {
    const { dir } = await sharedState();
    const copy = await copyOfSharedState();
    await ensurePki(kthwModel(), copy);
    expect(readFileSync(join(copy, ENCRYPTION_KEY_FILE))).to.deep.equal(readFileSync(join(dir, ENCRYPTION_KEY_FILE)));
  });

  it('the apiserver gets the config made from the persisted key', async () => {
    const { dir } = await sharedState();
    const f = pkiFilesFor(kthwModel(), dir, 'controller-2', 'kube-apiserver').find((x) =>
      x.path.endsWith('encryption-config.yaml'),
    )!;
    expect(f.mode).to.equal('0600');
    expect((f.content as Secret).reveal()).to.equal(renderEncryptionConfig(readEncryptionKey(dir)!).reveal());
  });
});
