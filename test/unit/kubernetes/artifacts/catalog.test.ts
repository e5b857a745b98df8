import { expect } from 'chai';
import { downloadFor, componentOf, checkArch } from '../../../../kubernetes/artifacts/catalog.ts';
import { checksumFor, parseSums, renderSums } from '../../../../kubernetes/artifacts/layout.ts';
import { pinnedSha256, pinnedVersions } from '../../../../kubernetes/artifacts/pins.ts';
import { DEFAULT_VERSIONS } from '../../../../kubernetes/cluster/vars.ts';
import { caught } from '../../inventory/helpers.ts';

describe('kubernetes/artifacts/catalog', () => {
  it('official URLs (KTHW current revision) and checksum files, per arch', () => {
    const table: [string, string, string, string, string][] = [
      [
        'kube-apiserver',
        '1.32.3',
        'amd64',
        'https://dl.k8s.io/v1.32.3/bin/linux/amd64/kube-apiserver',
        'https://dl.k8s.io/v1.32.3/bin/linux/amd64/kube-apiserver.sha256',
      ],
      [
        'kubelet',
        'v1.32.3',
        'arm64',
        'https://dl.k8s.io/v1.32.3/bin/linux/arm64/kubelet',
        'https://dl.k8s.io/v1.32.3/bin/linux/arm64/kubelet.sha256',
      ],
      [
        'etcdctl',
        '3.6.0-rc.3',
        'arm64',
        'https://github.com/etcd-io/etcd/releases/download/v3.6.0-rc.3/etcd-v3.6.0-rc.3-linux-arm64.tar.gz',
        'https://github.com/etcd-io/etcd/releases/download/v3.6.0-rc.3/SHA256SUMS',
      ],
      [
        'ctr',
        '2.1.0-beta.0',
        'amd64',
        'https://github.com/containerd/containerd/releases/download/v2.1.0-beta.0/containerd-2.1.0-beta.0-linux-amd64.tar.gz',
        'https://github.com/containerd/containerd/releases/download/v2.1.0-beta.0/containerd-2.1.0-beta.0-linux-amd64.tar.gz.sha256sum',
      ],
      [
        'runc',
        '1.3.0-rc.1',
        'arm64',
        'https://github.com/opencontainers/runc/releases/download/v1.3.0-rc.1/runc.arm64',
        'https://github.com/opencontainers/runc/releases/download/v1.3.0-rc.1/runc.sha256sum',
      ],
      [
        'bridge',
        '1.6.2',
        'amd64',
        'https://github.com/containernetworking/plugins/releases/download/v1.6.2/cni-plugins-linux-amd64-v1.6.2.tgz',
        'https://github.com/containernetworking/plugins/releases/download/v1.6.2/cni-plugins-linux-amd64-v1.6.2.tgz.sha256',
      ],
      [
        'crictl',
        '1.32.0',
        'arm64',
        'https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.32.0/crictl-v1.32.0-linux-arm64.tar.gz',
        'https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.32.0/crictl-v1.32.0-linux-arm64.tar.gz.sha256',
      ],
    ];
    for (const [bin, v, arch, url, sums] of table) {
      const d = downloadFor(bin, v, checkArch(arch));
      expect(d.url, bin).to.equal(url);
      expect(d.checksumUrl, bin).to.equal(sums);
      expect(d.version).to.equal(v.replace(/^v/, ''));
    }
    expect(downloadFor('runc', '1.3.0', 'amd64').kind).to.equal('binary');
    expect(downloadFor('etcd', '3.5.16', 'amd64').kind).to.equal('tar.gz');
  });

  it('the pinned versions (sha256 of each download, amd64 and arm64); other versions are checked against the published checksums', () => {
    const pinned = [
      ['kubelet', '1.32.3'],
      ['kubectl', '1.32.3'],
      ['etcd', '3.5.16'],
      ['containerd', '2.1.0'],
      ['runc', '1.3.0'],
      ['cni-plugins', '1.6.2'],
      ['crictl', '1.32.0'],
    ];
    expect(pinnedVersions()).to.deep.equal(pinned);
    for (const [k, v] of pinned)
      for (const arch of ['amd64', 'arm64'])
        expect(pinnedSha256(k!, v!, arch), `${k} ${arch}`).to.match(/^[0-9a-f]{64}$/);
    expect(downloadFor('kube-apiserver', '1.32.3', 'amd64').pin).to.equal(undefined);
    expect(downloadFor('kubelet', DEFAULT_VERSIONS.kubernetes, 'amd64').pin).to.equal(undefined);
    expect(downloadFor('etcdctl', '3.5.16', 'arm64').pin).to.equal(pinnedSha256('etcd', '3.5.16', 'arm64'));
  });

  it('refuses unknown binaries and architectures with the fix', () => {
    expect(caught(() => componentOf('kube-dns')).fix).to.match(/kube-apiserver/);
    expect(caught(() => checkArch('riscv64')).fix).to.match(/amd64 or arm64/);
  });

  it('SHA256SUMS and published checksum files', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    const sums = parseSums(`${b} *amd64/etcd\n${a}  amd64/etcdctl\ngarbage\n`);
    expect([...sums]).to.deep.equal([
      ['amd64/etcd', 'b'.repeat(64)],
      ['amd64/etcdctl', a],
    ]);
    expect(renderSums(sums)).to.equal(`${'b'.repeat(64)}  amd64/etcd\n${a}  amd64/etcdctl\n`);
    expect(
      checksumFor(
        `${a}  etcd-v3.5.16-linux-amd64.tar.gz\n${b}  etcd-v3.5.16-linux-arm64.tar.gz\n`,
        'etcd-v3.5.16-linux-arm64.tar.gz',
      ),
    ).to.equal('b'.repeat(64));
    expect(checksumFor(`${a}\n`, 'kube-apiserver')).to.equal(a);
    expect(checksumFor(`${a}  ./runc.amd64\n`, 'runc.amd64')).to.equal(a);
    expect(checksumFor(`${a}  runc.arm64\n`, 'runc.amd64')).to.equal(undefined);
  });
});
