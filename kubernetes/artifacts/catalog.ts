// Which binary comes from which release download: official URLs (KTHW's current revision) and checksum files.

import { OrchestrateError } from 'orchestrate';
import { pinnedSha256 } from './pins.ts';

/** A release a binary comes from; also the first directory level of a mirror. */
export type Component = 'kubernetes' | 'etcd' | 'containerd' | 'runc' | 'cni-plugins' | 'crictl';

/** Architectures the downloads exist for (dpkg names, as facts report them). */
export const ARCHES = ['amd64', 'arm64'] as const;
export type Arch = (typeof ARCHES)[number];

/** The CNI plugins either upstream's tarball or Debian's package ships. */
export const CNI_PLUGINS = [
  'bandwidth',
  'bridge',
  'dhcp',
  'dummy',
  'firewall',
  'host-device',
  'host-local',
  'ipvlan',
  'loopback',
  'macvlan',
  'portmap',
  'ptp',
  'sbr',
  'static',
  'tap',
  'tuning',
  'vlan',
  'vrf',
] as const;

/** Every binary the roles install, and its component. */
export const BINARIES: Readonly<Record<string, Component>> = {
  'kube-apiserver': 'kubernetes',
  'kube-controller-manager': 'kubernetes',
  'kube-scheduler': 'kubernetes',
  kubelet: 'kubernetes',
  'kube-proxy': 'kubernetes',
  kubectl: 'kubernetes',
  etcd: 'etcd',
  etcdctl: 'etcd',
  etcdutl: 'etcd',
  containerd: 'containerd',
  'containerd-shim-runc-v2': 'containerd',
  ctr: 'containerd',
  runc: 'runc',
  crictl: 'crictl',
  ...Object.fromEntries(CNI_PLUGINS.map((p) => [p, 'cni-plugins'])),
};

/** One file to download: where, how it is checked, and what it holds. */
export interface Download {
  readonly component: Component;
  readonly version: string;
  readonly arch: Arch;
  readonly url: string;
  /** The file name the download is saved under. */
  readonly file: string;
  /** A bare binary (installed under `binary`), or a .tar.gz whose executables are installed. */
  readonly kind: 'binary' | 'tar.gz';
  readonly binary: string;
  /** The checksum file the project publishes next to the download. */
  readonly checksumUrl: string;
  /** sha256 of the download pinned in pins.ts, when known: then the checksum file is not needed. */
  readonly pin: string | undefined;
}

const GH = 'https://github.com';

/** The component of a binary name; OPTIONS-style error for a name no release provides. */
export function componentOf(binary: string): Component {
  const c = BINARIES[binary];
  if (c === undefined)
    throw new OrchestrateError('VARS_INVALID', `no release provides a binary named "${binary}"`, {
      fix: `use one of: ${Object.keys(BINARIES).join(', ')}`,
    });
  return c;
}

/** Refuses an architecture with no official downloads. */
export function checkArch(arch: string): Arch {
  if ((ARCHES as readonly string[]).includes(arch)) return arch as Arch;
  throw new OrchestrateError('VARS_INVALID', `no downloads for architecture "${arch}"`, {
    fix: `use hosts of ${ARCHES.join(' or ')}, or supply the binaries in an --artifacts-dir mirror`,
  });
}

/** Pure: the download that provides `binary` at `version` (no leading v) for `arch`. */
export function downloadFor(binary: string, version: string, arch: Arch): Download {
  const component = componentOf(binary);
  const v = version.replace(/^v/, '');
  const d = (url: string, kind: Download['kind'], checksumUrl: string): Download => {
    const file = url.slice(url.lastIndexOf('/') + 1);
    const key = component === 'kubernetes' ? binary : component;
    return { component, version: v, arch, url, file, kind, binary, checksumUrl, pin: pinnedSha256(key, v, arch) };
  };
  switch (component) {
    case 'kubernetes': {
      const url = `https://dl.k8s.io/v${v}/bin/linux/${arch}/${binary}`;
      return d(url, 'binary', `${url}.sha256`);
    }
    case 'etcd':
      return d(
        `${GH}/etcd-io/etcd/releases/download/v${v}/etcd-v${v}-linux-${arch}.tar.gz`,
        'tar.gz',
        `${GH}/etcd-io/etcd/releases/download/v${v}/SHA256SUMS`,
      );
    case 'containerd': {
      const url = `${GH}/containerd/containerd/releases/download/v${v}/containerd-${v}-linux-${arch}.tar.gz`;
      return d(url, 'tar.gz', `${url}.sha256sum`);
    }
    case 'runc':
      return d(
        `${GH}/opencontainers/runc/releases/download/v${v}/runc.${arch}`,
        'binary',
        `${GH}/opencontainers/runc/releases/download/v${v}/runc.sha256sum`,
      );
    case 'cni-plugins': {
      const url = `${GH}/containernetworking/plugins/releases/download/v${v}/cni-plugins-linux-${arch}-v${v}.tgz`;
      return d(url, 'tar.gz', `${url}.sha256`);
    }
    case 'crictl': {
      const url = `${GH}/kubernetes-sigs/cri-tools/releases/download/v${v}/crictl-v${v}-linux-${arch}.tar.gz`;
      return d(url, 'tar.gz', `${url}.sha256`);
    }
  }
}
