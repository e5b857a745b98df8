import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveArtifact } from '../../../../kubernetes/artifacts/resolve.ts';
import { fakeFetch, sha } from '../../../unit/kubernetes/artifacts/helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

describe('kubernetes/artifacts/resolve (downloads through a fake fetch: no network)', () => {
  let tmp = '';
  let cache: string;
  beforeEach(() => {
    tmp = tempDir();
    cache = join(tmp, 'cache');
  });
  afterEach(() => removeTempDir(tmp));

  /** An etcd-like release tarball: etcd-vX-linux-amd64/{etcd,etcdctl,README.md}. */
  function etcdTarball(version: string): Buffer {
    const top = join(tmp, 'build', `etcd-v${version}-linux-amd64`);
    mkdirSync(top, { recursive: true });
    writeFileSync(join(top, 'etcd'), '#!/bin/sh\necho etcd\n', { mode: 0o755 });
    writeFileSync(join(top, 'etcdctl'), '#!/bin/sh\necho etcdctl\n', { mode: 0o755 });
    writeFileSync(join(top, 'README.md'), 'docs\n');
    const out = join(tmp, 'etcd.tgz');
    execFileSync('tar', ['-czf', out, '-C', join(tmp, 'build'), `etcd-v${version}-linux-amd64`]);
    return readFileSync(out);
  }

  it('GIVEN an unpinned tarball THEN verified against the published SHA256SUMS, unpacked, cached, recorded', async () => {
    const tgz = etcdTarball('3.5.99');
    const base = 'https://github.com/etcd-io/etcd/releases/download/v3.5.99';
    const fetch = fakeFetch({
      [`${base}/etcd-v3.5.99-linux-amd64.tar.gz`]: tgz,
      [`${base}/SHA256SUMS`]: `${'0'.repeat(64)}  etcd-v3.5.99-linux-arm64.tar.gz\n${sha(tgz)}  etcd-v3.5.99-linux-amd64.tar.gz\n`,
    });
    const a = await resolveArtifact('etcdctl', '3.5.99', 'amd64', { artifactsDir: undefined, cacheDir: cache, fetch });
    expect(a.source).to.equal('download');
    expect(a.path).to.equal(join(cache, 'etcd', '3.5.99', 'amd64', 'etcdctl'));
    expect(a.sha256).to.equal(sha('#!/bin/sh\necho etcdctl\n'));
    expect(execFileSync(a.path).toString()).to.equal('etcdctl\n');
    const sums = readFileSync(join(cache, 'etcd', '3.5.99', 'SHA256SUMS'), 'utf8');
    expect(sums).to.equal(`${sha('#!/bin/sh\necho etcd\n')}  amd64/etcd\n${a.sha256}  amd64/etcdctl\n`);
    // The sibling came with the same download: no second fetch.
    const b = await resolveArtifact('etcd', '3.5.99', 'amd64', { artifactsDir: undefined, cacheDir: cache, fetch });
    expect(b.source).to.equal('cache');
    expect(fetch.asked).to.have.length(2);
  });
});
