import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fillDebianMirror,
  layoutFromPackages,
  type ExtractedPackage,
} from '../../../../roles/artifacts/debian-mirror.ts';
import { manifestComplete, upstreamVersion } from '../../../../roles/artifacts/debian-packages.ts';
import { mirrorSummary, mirrorVars } from '../../../../roles/artifacts/lab-hook.ts';
import { resolveArtifact, resolveArtifactSync } from '../../../../roles/artifacts/resolve.ts';
import { artifactOptions } from '../../../../roles/artifacts/options.ts';
import { buildClusterModel } from '../../../../roles/cluster/model.ts';
import { renderInventory } from '../../../../src/lab/inventory-yaml.ts';
import { planHosts } from '../../../../src/lab/host-plan.ts';
import { caughtAsync, fromYaml } from '../../inventory/helpers.ts';
import { sha, tempDir } from './helpers.ts';

/** Files a Debian 12 package unpacks to (as dpkg-deb -x leaves them), as tiny scripts. */
const TREE: Record<string, { version: string; files: string[] }> = {
  'etcd-server': { version: '3.4.23-4+b4', files: ['usr/bin/etcd', 'usr/share/doc/etcd-server/copyright'] },
  'etcd-client': { version: '3.4.23-4+b4', files: ['usr/bin/etcdctl'] },
  containerd: {
    version: '1.6.20~ds1-1+deb12u3',
    files: ['usr/bin/containerd', 'usr/bin/containerd-shim', 'usr/bin/containerd-shim-runc-v2', 'usr/bin/ctr'],
  },
  runc: { version: '1.1.5+ds1-1+deb12u1', files: ['usr/sbin/runc', 'usr/bin/runc'] },
  'containernetworking-plugins': {
    version: '1.1.1+ds1-3+b5',
    files: ['usr/lib/cni/bridge', 'usr/lib/cni/host-local', 'usr/lib/cni/loopback', 'usr/lib/cni/portmap'],
  },
};

function fakePackages(root: string, skip?: string): ExtractedPackage[] {
  return Object.entries(TREE)
    .filter(([pkg]) => pkg !== skip)
    .map(([pkg, { version, files }]) => {
      const dir = join(root, pkg);
      for (const f of files) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), `#!/bin/sh\necho ${pkg} /${f}\n`, { mode: 0o755 });
      }
      return { package: pkg, version, root: dir };
    });
}

describe('roles/artifacts/debian-mirror', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('upstream versions from Debian versions', () => {
    expect(upstreamVersion('3.4.23-4+b4')).to.equal('3.4.23');
    expect(upstreamVersion('1.6.20~ds1-1+deb12u3')).to.equal('1.6.20');
    expect(upstreamVersion('1.1.5+ds1-1+deb12u1')).to.equal('1.1.5');
    expect(upstreamVersion('1:2.0.1-1')).to.equal('2.0.1');
    expect(upstreamVersion('git-abc')).to.equal(undefined);
  });

  it('GIVEN unpacked packages THEN the documented layout, SHA256SUMS and versions.json', async () => {
    const out = join(tmp.dir, 'mirror');
    const m = await layoutFromPackages(out, 'amd64', fakePackages(join(tmp.dir, 'x')), new Date(0));
    expect(m.versions).to.deep.equal({ etcd: '3.4.23', containerd: '1.6.20', runc: '1.1.5', cni: '1.1.1' });
    expect(m.binaries).to.deep.equal([
      'etcd/3.4.23/amd64/etcd',
      'etcd/3.4.23/amd64/etcdctl',
      'containerd/1.6.20/amd64/containerd',
      'containerd/1.6.20/amd64/containerd-shim-runc-v2',
      'containerd/1.6.20/amd64/ctr',
      'runc/1.1.5/amd64/runc',
      'cni-plugins/1.1.1/amd64/bridge',
      'cni-plugins/1.1.1/amd64/host-local',
      'cni-plugins/1.1.1/amd64/loopback',
      'cni-plugins/1.1.1/amd64/portmap',
    ]);
    expect(execFileSync(join(out, 'runc/1.1.5/amd64/runc')).toString()).to.equal('runc /usr/sbin/runc\n');
    expect(readFileSync(join(out, 'etcd/3.4.23/SHA256SUMS'), 'utf8')).to.equal(
      `${sha('#!/bin/sh\necho etcd-server /usr/bin/etcd\n')}  amd64/etcd\n` +
        `${sha('#!/bin/sh\necho etcd-client /usr/bin/etcdctl\n')}  amd64/etcdctl\n`,
    );
    // sha256sum itself agrees with every SHA256SUMS
    for (const v of ['etcd/3.4.23', 'containerd/1.6.20', 'runc/1.1.5', 'cni-plugins/1.1.1'])
      execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'], { cwd: join(out, v) });
    const doc = JSON.parse(readFileSync(join(out, 'versions.json'), 'utf8'));
    expect(doc).to.deep.equal({ ...m, createdAt: '1970-01-01T00:00:00.000Z' });
    expect(manifestComplete(doc, 'amd64')).to.equal(true);
    expect(manifestComplete(doc, 'arm64')).to.equal(false);
  });

  it('GIVEN a package missing THEN refused, naming it', async () => {
    const err = await caughtAsync(() =>
      layoutFromPackages(join(tmp.dir, 'm'), 'amd64', fakePackages(join(tmp.dir, 'x'), 'runc')),
    );
    expect(err.message).to.equal('Debian package runc is missing');
  });

  it('GIVEN a complete mirror THEN fillDebianMirror reuses it (no apt)', async () => {
    const dir = join(tmp.dir, 'mirror');
    await layoutFromPackages(dir, 'amd64', fakePackages(join(tmp.dir, 'x')));
    const m = await fillDebianMirror({ dir, arch: 'amd64' });
    expect(m.built).to.equal(false);
    expect(mirrorSummary(m)).to.match(
      /^artifacts: .*mirror \(Debian amd64: etcd 3\.4\.23, containerd 1\.6\.20, runc 1\.1\.5, cni 1\.1\.1; cached; no Kubernetes binaries\)$/,
    );
  });

  it('GIVEN the lab inventory with the mirror vars THEN the roles see its versions and find its binaries offline', async () => {
    const dir = join(tmp.dir, 'mirror');
    await layoutFromPackages(dir, 'amd64', fakePackages(join(tmp.dir, 'x')));
    const m = await fillDebianMirror({ dir, arch: 'amd64' });
    const hosts = planHosts({ kind: 'cluster', controllers: 3, workers: 1 }).hosts;
    const text = renderInventory(hosts, { key: '/k', knownHosts: '/kh' }, mirrorVars(m));
    const inventory = fromYaml(text);
    const stateDir = join(tmp.dir, 'state');
    const model = buildClusterModel(inventory, stateDir);
    expect(model.versions).to.deep.equal({
      kubernetes: '1.32.3',
      etcd: '3.4.23',
      containerd: '1.6.20',
      runc: '1.1.5',
      cni: '1.1.1',
      crictl: '1.32.0',
    });
    const opts = artifactOptions({ inventory, stateDir, artifactsDir: undefined }, { ORCHESTRATE_OFFLINE: '1' });
    expect(opts.artifactsDir).to.equal(dir);
    const etcd = await resolveArtifact('etcd', model.versions.etcd, 'amd64', opts);
    expect(etcd).to.include({ source: 'mirror', path: join(dir, 'etcd/3.4.23/amd64/etcd') });
    expect(resolveArtifactSync('bridge', model.versions.cni, 'amd64', opts).source).to.equal('mirror');
    const k8s = await caughtAsync(() => resolveArtifact('kubelet', model.versions.kubernetes, 'amd64', opts));
    expect(k8s.message).to.include('downloads are off');
    expect(k8s.fix).to.include(join(dir, 'kubernetes/1.32.3/amd64/kubelet'));
    // --artifacts-dir adds a mirror (the Kubernetes binaries, say) in front of the lab's.
    const withFlag = artifactOptions({ inventory, stateDir, artifactsDir: '/srv/k8s' }, {});
    expect(withFlag).to.include({ artifactsDir: '/srv/k8s', download: true });
    expect(withFlag.moreMirrors).to.deep.equal([dir]);
  });
});
