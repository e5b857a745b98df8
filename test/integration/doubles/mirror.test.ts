// writeDoublesMirror lays the doubles out as docs/artifacts.md says, so kubernetes/artifacts resolves them offline.

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveArtifact, resolveArtifactSync } from '../../../kubernetes/artifacts/index.ts';
import { DOUBLE_COMPONENTS } from '../../doubles/build.ts';
import { writeDoublesMirror } from '../../doubles/mirror.ts';
import { tempFiles } from '../../support/temp-dir.ts';

describe('doubles/mirror', function () {
  this.timeout(60_000);
  const tmp = tempFiles();
  after(() => tmp.rm());

  it('writes kubernetes/<version>/<arch>/<binary> and SHA256SUMS; the resolver finds each double offline', async () => {
    const base = join(tmp.dir, 'debian');
    mkdirSync(join(base, 'etcd/3.4.23/amd64'), { recursive: true });
    writeFileSync(join(base, 'etcd/3.4.23/amd64/etcd'), 'etcd');
    writeFileSync(join(base, 'versions.json'), '{}');
    const dir = join(tmp.dir, 'mirror');
    const m = await writeDoublesMirror(dir, 'v1.32.3', 'amd64', { base });
    expect(m.version).to.equal('1.32.3');
    expect(readFileSync(join(dir, 'etcd/3.4.23/amd64/etcd'), 'utf8')).to.equal('etcd');
    const sums = readFileSync(join(dir, 'kubernetes/1.32.3/SHA256SUMS'), 'utf8');
    const opts = { artifactsDir: dir, cacheDir: join(tmp.dir, 'cache'), download: false };
    for (const c of DOUBLE_COMPONENTS) {
      const file = join(dir, 'kubernetes/1.32.3/amd64', c);
      const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(sums).to.include(`${sha}  amd64/${c}\n`);
      expect(m.binaries[c]).to.deep.equal({ path: file, sha256: sha });
      expect(resolveArtifactSync(c, '1.32.3', 'amd64', opts)).to.include({ path: file, sha256: sha, source: 'mirror' });
    }
    expect((await resolveArtifact('kubelet', '1.32.3', 'amd64', opts)).sha256).to.equal(m.binaries.kubelet.sha256); // hashed against SHA256SUMS, not kubelet's pin
  });
});
