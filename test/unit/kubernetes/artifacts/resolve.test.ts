import { expect } from 'chai';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveArtifact, resolveArtifactSync } from '../../../../kubernetes/artifacts/resolve.ts';
import { VerifiedCache, verifiedCache, verifyStamp } from '../../../../kubernetes/artifacts/verified-cache.ts';
import { caught, caughtAsync } from '../../inventory/helpers.ts';
import { fakeFetch, putBinary, sha } from './helpers.ts';
import { removeTempDir, tempDir } from '../../../support/temp-dir.ts';

const ETCD = { component: 'etcd', version: '3.4.23', arch: 'amd64', name: 'etcd' };

describe('kubernetes/artifacts/resolve (lookup order, no network)', () => {
  let tmp = '';
  let mirror: string;
  let cache: string;
  beforeEach(() => {
    tmp = tempDir();
    mirror = join(tmp, 'mirror');
    cache = join(tmp, 'cache');
  });
  afterEach(() => removeTempDir(tmp));

  const offline = () => ({ artifactsDir: mirror, cacheDir: cache, download: false, fetch: fakeFetch({}) });

  it("GIVEN the binary in the mirror and the cache THEN the mirror wins, with the extracted binary's sha256", async () => {
    const path = putBinary(mirror, ETCD, 'mirror etcd');
    putBinary(cache, ETCD, 'cache etcd');
    const a = await resolveArtifact('etcd', '3.4.23', 'amd64', offline());
    expect(a).to.include({ path, sha256: sha('mirror etcd'), source: 'mirror', component: 'etcd', version: '3.4.23' });
    expect(a.url).to.equal('https://github.com/etcd-io/etcd/releases/download/v3.4.23/etcd-v3.4.23-linux-amd64.tar.gz');
    expect(resolveArtifactSync('etcd', 'v3.4.23', 'amd64', offline())).to.deep.equal(a);
  });

  it('GIVEN it only in the cache THEN the cache', async () => {
    putBinary(mirror, { ...ETCD, name: 'etcdctl' }, 'other binary');
    const path = putBinary(cache, ETCD, 'cache etcd');
    const a = await resolveArtifact('etcd', '3.4.23', 'amd64', offline());
    expect(a).to.include({ path, source: 'cache', sha256: sha('cache etcd') });
  });

  it('GIVEN no mirror configured THEN the cache alone', async () => {
    putBinary(cache, ETCD, 'cache etcd');
    const a = await resolveArtifact('etcd', '3.4.23', 'amd64', { ...offline(), artifactsDir: undefined });
    expect(a.source).to.equal('cache');
  });

  it('GIVEN two mirrors THEN each binary comes from the first that has it, and a miss names both', async () => {
    const second = join(tmp, 'second');
    const inFirst = putBinary(mirror, { ...ETCD, name: 'etcdctl' }, 'first etcdctl');
    const inSecond = putBinary(second, ETCD, 'second etcd');
    putBinary(second, { ...ETCD, name: 'etcdctl' }, 'second etcdctl');
    const opts = { ...offline(), moreMirrors: [second] };
    expect(await resolveArtifact('etcd', '3.4.23', 'amd64', opts)).to.include({ path: inSecond, source: 'mirror' });
    expect(resolveArtifactSync('etcdctl', '3.4.23', 'amd64', opts)).to.include({ path: inFirst, source: 'mirror' });
    const err = await caughtAsync(() => resolveArtifact('kubelet', '1.32.3', 'amd64', opts));
    expect(err.message).to.include(join(mirror, 'kubernetes/1.32.3/amd64/kubelet'));
    expect(err.message).to.include(join(second, 'kubernetes/1.32.3/amd64/kubelet'));
  });

  it('GIVEN a mirror file that does not match SHA256SUMS THEN a sha256 mismatch naming the file and the fix', async () => {
    const path = putBinary(mirror, ETCD, 'etcd', { sumsLine: 'wrong' });
    const err = await caughtAsync(() => resolveArtifact('etcd', '3.4.23', 'amd64', offline()));
    expect(err.message).to.include(`sha256 mismatch for ${path}: got ${sha('etcd')}`);
    expect(err.message).to.include(join(mirror, 'etcd', '3.4.23', 'SHA256SUMS'));
    expect(err.fix).to.match(/replace .* or correct its line/);
  });

  it('GIVEN a mirror file with no SHA256SUMS line THEN refused, with the sha256sum command that fixes it', async () => {
    putBinary(mirror, ETCD, 'etcd', { sumsLine: 'none' });
    const err = await caughtAsync(() => resolveArtifact('etcd', '3.4.23', 'amd64', offline()));
    expect(err.message).to.match(/has no sha256: .*SHA256SUMS has no line for amd64\/etcd/);
    expect(err.fix).to.equal(`cd ${join(mirror, 'etcd', '3.4.23')} && sha256sum amd64/etcd >> SHA256SUMS`);
  });

  it('GIVEN a pinned bare binary with no SHA256SUMS THEN the pin vouches for it (and a wrong file fails)', async () => {
    putBinary(mirror, { component: 'runc', version: '1.3.0', arch: 'amd64', name: 'runc' }, 'not runc', {
      sumsLine: 'none',
    });
    const err = await caughtAsync(() => resolveArtifact('runc', '1.3.0', 'amd64', offline()));
    expect(err.message).to.include('got ' + sha('not runc'));
    expect(err.message).to.include('028986516ab5646370edce981df2d8e8a8d12188deaf837142a02097000ae2f2');
  });

  it('GIVEN it nowhere and downloads off THEN the error names the URL and the exact offline path', async () => {
    const err = await caughtAsync(() => resolveArtifact('kube-apiserver', '1.32.3', 'amd64', offline()));
    const mirrorPath = join(mirror, 'kubernetes', '1.32.3', 'amd64', 'kube-apiserver');
    expect(err.message).to.include('kube-apiserver 1.32.3 (amd64) is not available: downloads are off');
    expect(err.message).to.include(
      `tried ${mirrorPath}, ${join(cache, 'kubernetes', '1.32.3', 'amd64', 'kube-apiserver')}`,
    );
    expect(err.fix).to.include(
      'download https://dl.k8s.io/v1.32.3/bin/linux/amd64/kube-apiserver and put it at ' + mirrorPath,
    );
    expect(err.fix).to.include(
      `"<sha256>  amd64/kube-apiserver" in ${join(mirror, 'kubernetes', '1.32.3', 'SHA256SUMS')}`,
    );
  });

  it('GIVEN the sync variant THEN it fails the same way, saying downloads happen in prepare', () => {
    const err = caught(() =>
      resolveArtifactSync('bridge', '1.6.2', 'arm64', { artifactsDir: undefined, cacheDir: cache }),
    );
    expect(err.message).to.match(/bridge 1\.6\.2 \(arm64\) is not available: not in the mirror or the cache/);
    expect(err.fix).to.include(
      'download https://github.com/containernetworking/plugins/releases/download/v1.6.2/cni-plugins-linux-arm64-v1.6.2.tgz, take bridge out of it,',
    );
    expect(err.fix).to.include(join(cache, 'cni-plugins', '1.6.2', 'arm64', 'bridge'));
    expect(err.fix).to.include('--artifacts-dir');
  });
});

describe('kubernetes/artifacts/resolve (downloads through a fake fetch: no network)', () => {
  let tmp = '';
  let cache: string;
  beforeEach(() => {
    tmp = tempDir();
    cache = join(tmp, 'cache');
  });
  afterEach(() => removeTempDir(tmp));

  it('GIVEN a bare binary THEN its .sha256 file is used and it is installed under its name', async () => {
    const url = 'https://dl.k8s.io/v1.32.3/bin/linux/amd64/kube-scheduler';
    const fetch = fakeFetch({ [url]: 'scheduler bytes', [`${url}.sha256`]: `${sha('scheduler bytes')}\n` });
    const a = await resolveArtifact('kube-scheduler', '1.32.3', 'amd64', {
      artifactsDir: undefined,
      cacheDir: cache,
      fetch,
    });
    expect(a).to.include({ source: 'download', sha256: sha('scheduler bytes') });
    expect(fetch.asked).to.deep.equal([`${url}.sha256`, url]);
  });

  it('GIVEN a download that does not match its pin THEN a mismatch naming the URL and the pin, nothing cached', async () => {
    const url = 'https://dl.k8s.io/v1.32.3/bin/linux/amd64/kubelet';
    const fetch = fakeFetch({ [url]: 'not the real kubelet' });
    const err = await caughtAsync(() =>
      resolveArtifact('kubelet', '1.32.3', 'amd64', { artifactsDir: undefined, cacheDir: cache, fetch }),
    );
    expect(err.message).to.include(`sha256 mismatch for ${url}: got ${sha('not the real kubelet')}`);
    expect(err.message).to.include('the pin in kubernetes/artifacts/pins.ts says 024bb7fa');
    expect(fetch.asked).to.deep.equal([url]); // pinned: no checksum file needed
    const again = await caughtAsync(() =>
      resolveArtifact('kubelet', '1.32.3', 'amd64', { artifactsDir: undefined, cacheDir: cache, download: false }),
    );
    expect(again.message).to.include('downloads are off');
  });

  it('GIVEN the download fails THEN the error names the URL tried and where to put the file offline', async () => {
    const fetch = fakeFetch({});
    const err = await caughtAsync(() =>
      resolveArtifact('kube-proxy', '1.32.3', 'arm64', { artifactsDir: undefined, cacheDir: cache, fetch }),
    );
    expect(err.message).to.include(
      'the download failed (GET https://dl.k8s.io/v1.32.3/bin/linux/arm64/kube-proxy.sha256: HTTP 404)',
    );
    expect(err.message).to.include('https://dl.k8s.io/v1.32.3/bin/linux/arm64/kube-proxy');
    expect(err.fix).to.include(`put it at ${join(cache, 'kubernetes', '1.32.3', 'arm64', 'kube-proxy')}`);
  });
});

describe('kubernetes/artifacts/verified-cache (hash once across runs)', () => {
  let tmp = '';
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => removeTempDir(tmp));

  it('GIVEN a verified binary THEN its stamp is kept in the cache dir (0600) for the next run', async () => {
    const mirror = join(tmp, 'mirror');
    const cache = join(tmp, 'cache');
    const path = putBinary(mirror, ETCD, 'etcd');
    await resolveArtifact('etcd', '3.4.23', 'amd64', { artifactsDir: mirror, cacheDir: cache, download: false });
    const next = new VerifiedCache(cache); // a new process reads the file afresh
    expect(next.has(path, verifyStamp(path, sha('etcd')))).to.equal(true);
    expect(statSync(join(cache, '.verified.json')).mode & 0o777).to.equal(0o600);
  });

  it('GIVEN a stamp on record THEN the file is not hashed again; once rewritten (same size and mtime) it is, and a wrong one fails', async () => {
    const mirror = join(tmp, 'mirror');
    const cache = join(tmp, 'cache');
    // SHA256SUMS expects the sha256 of 'etcd', the file holds 'EtCd': only a hash can tell.
    const path = putBinary(mirror, ETCD, 'etcd');
    writeFileSync(path, 'EtCd');
    const opts = { artifactsDir: mirror, cacheDir: cache, download: false };
    verifiedCache(cache).add(path, verifyStamp(path, sha('etcd')));
    expect(await resolveArtifact('etcd', '3.4.23', 'amd64', opts)).to.include({ path, sha256: sha('etcd') });
    const { atime, mtime } = statSync(path);
    writeFileSync(path, 'eTcD');
    utimesSync(path, atime, mtime); // size and mtime as before: only ctime tells it was rewritten
    const err = await caughtAsync(() => resolveArtifact('etcd', '3.4.23', 'amd64', opts));
    expect(err.message)
      .to.match(/sha256/i)
      .and.include(path);
  });
});
