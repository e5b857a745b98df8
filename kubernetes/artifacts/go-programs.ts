// Which Go modules and packages each mirror component is built from, with the flags upstream's releases use.

import type { Component } from './catalog.ts';

/** A component of the built mirror: the release components, plus CoreDNS (shipped as an image only). */
export type BuiltComponent = Component | 'coredns';

/** One executable: its installed name and the Go package whose main it is. */
export interface GoBinary {
  readonly name: string;
  readonly pkg: string;
}

/** How one component is built from the Go module proxy. */
export interface GoProgram {
  readonly component: BuiltComponent;
  /** Modules the wrapper requires, all at the component's version (etcd's programs live in three). */
  readonly modules: readonly string[];
  readonly binaries: readonly GoBinary[];
  /** cgo on: only runc (its nsenter is C, seccomp comes from libseccomp). */
  readonly cgo: boolean;
  readonly tags: readonly string[];
  /** -ldflags after `-s -w`: the version stamps `--version` prints. */
  readonly ldflags: (version: string, releaseDate: string) => readonly string[];
  /** The wrapper also replaces every staging module with its published v0.X.Y (k8s.io/kubernetes only). */
  readonly stagingReplaces: boolean;
}

/** `-X` stamps of Kubernetes' hack/lib/version.sh, for both packages that carry them. */
function kubernetesVersionFlags(version: string, releaseDate: string): string[] {
  const [major, minor] = version.split('.');
  const keys: Record<string, string> = {
    gitVersion: `v${version}`,
    gitMajor: major!,
    gitMinor: minor!,
    // archive: built from the published module, not a git checkout (upstream's word for a tarball build).
    gitTreeState: 'archive',
    buildDate: releaseDate,
  };
  return ['k8s.io/client-go/pkg/version', 'k8s.io/component-base/version'].flatMap((pkg) =>
    Object.entries(keys).map(([k, v]) => `-X ${pkg}.${k}=${v}`),
  );
}

const KUBE = 'k8s.io/kubernetes/cmd';
const CONTAINERD = 'github.com/containerd/containerd/v2';
const CNI = 'github.com/containernetworking/plugins/plugins';

/** Every component the lab's mirror is built from, in build order (smallest first: errors come early). */
export const GO_PROGRAMS: readonly GoProgram[] = [
  {
    component: 'cni-plugins',
    modules: ['github.com/containernetworking/plugins'],
    binaries: [
      { name: 'bridge', pkg: `${CNI}/main/bridge` },
      { name: 'loopback', pkg: `${CNI}/main/loopback` },
      { name: 'host-local', pkg: `${CNI}/ipam/host-local` },
      { name: 'portmap', pkg: `${CNI}/meta/portmap` },
    ],
    cgo: false,
    tags: [],
    ldflags: (v) => [`-X github.com/containernetworking/plugins/pkg/utils/buildversion.BuildVersion=v${v}`],
    stagingReplaces: false,
  },
  {
    component: 'crictl',
    modules: ['sigs.k8s.io/cri-tools'],
    binaries: [{ name: 'crictl', pkg: 'sigs.k8s.io/cri-tools/cmd/crictl' }],
    cgo: false,
    tags: [],
    ldflags: (v) => [`-X sigs.k8s.io/cri-tools/pkg/version.Version=v${v}`],
    stagingReplaces: false,
  },
  {
    component: 'runc',
    modules: ['github.com/opencontainers/runc'],
    binaries: [{ name: 'runc', pkg: 'github.com/opencontainers/runc' }],
    cgo: true,
    // As runc's `make static`: seccomp through a static libseccomp, no glibc NSS at run time.
    tags: ['seccomp', 'netgo', 'osusergo'],
    ldflags: (v) => [`-X main.version=${v}`, '-extldflags=-static'],
    stagingReplaces: false,
  },
  {
    component: 'etcd',
    modules: ['go.etcd.io/etcd/server/v3', 'go.etcd.io/etcd/etcdctl/v3', 'go.etcd.io/etcd/etcdutl/v3'],
    binaries: [
      { name: 'etcd', pkg: 'go.etcd.io/etcd/server/v3' },
      { name: 'etcdctl', pkg: 'go.etcd.io/etcd/etcdctl/v3' },
      { name: 'etcdutl', pkg: 'go.etcd.io/etcd/etcdutl/v3' },
    ],
    cgo: false,
    tags: [],
    ldflags: () => [],
    stagingReplaces: false,
  },
  {
    component: 'coredns',
    modules: ['github.com/coredns/coredns'],
    binaries: [{ name: 'coredns', pkg: 'github.com/coredns/coredns' }],
    cgo: false,
    tags: [],
    ldflags: () => [],
    stagingReplaces: false,
  },
  {
    component: 'containerd',
    modules: [CONTAINERD],
    binaries: [
      { name: 'containerd', pkg: `${CONTAINERD}/cmd/containerd` },
      { name: 'containerd-shim-runc-v2', pkg: `${CONTAINERD}/cmd/containerd-shim-runc-v2` },
      { name: 'ctr', pkg: `${CONTAINERD}/cmd/ctr` },
    ],
    cgo: false,
    // The snapshotters that need C libraries or kernel features a node does not use.
    tags: ['no_btrfs', 'no_devmapper', 'no_zfs'],
    ldflags: (v) => [`-X ${CONTAINERD}/version.Version=v${v}`],
    stagingReplaces: false,
  },
  {
    component: 'kubernetes',
    modules: ['k8s.io/kubernetes'],
    binaries: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy', 'kubectl'].map(
      (name) => ({ name, pkg: `${KUBE}/${name}` }),
    ),
    cgo: false,
    // As hack/lib/golang.sh: selinux support in, test-only code out.
    tags: ['selinux', 'notest'],
    ldflags: kubernetesVersionFlags,
    stagingReplaces: true,
  },
];

/** The program that builds a component. */
export function goProgram(component: BuiltComponent): GoProgram {
  return GO_PROGRAMS.find((p) => p.component === component)!;
}
