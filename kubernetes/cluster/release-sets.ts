// The component versions that go together, one set per Kubernetes minor, each pin with its reason.

/** The versions one cluster runs: the binaries the roles install and the images its pods start from. */
export interface ReleaseSet {
  readonly kubernetes: string;
  readonly etcd: string;
  readonly containerd: string;
  readonly runc: string;
  readonly cni: string;
  readonly crictl: string;
  /** The CoreDNS image's tag (without the v the image name carries). */
  readonly coredns: string;
  /** The pod sandbox image's tag. */
  readonly pause: string;
}

/** Why each version of a set was chosen (docs/artifacts.md lists them). */
export type ReleaseReasons = { readonly [K in keyof ReleaseSet]: string };

/** A Kubernetes minor's set and the reason for every pin. */
export interface ReleaseLine {
  readonly minor: string;
  readonly set: ReleaseSet;
  readonly reasons: ReleaseReasons;
}

// Versions are those the Go module proxy serves (a program is built from its module), nearest to what
// kubeadm of that release deploys (cmd/kubeadm/app/constants/constants.go in the k8s.io/kubernetes module).
const CRICTL =
  'crictl speaks CRI v1, stable across these minors; of the current releases the module proxy serves only 1.34.0 and 1.37.0';

/** Supported minors, oldest first; the default is DEFAULT_MINOR's. */
export const RELEASE_LINES: readonly ReleaseLine[] = [
  {
    minor: '1.35',
    set: {
      kubernetes: '1.35.4',
      etcd: '3.6.8',
      containerd: '2.2.9',
      runc: '1.4.4',
      cni: '1.9.1',
      crictl: '1.37.0',
      coredns: '1.14.3',
      pause: '3.10.1',
    },
    reasons: {
      kubernetes: 'latest 1.35 patch the module proxy serves; the last minor that also runs on containerd 1.x',
      etcd: 'kubeadm 1.35 deploys 3.6.6, which the proxy does not serve; 3.6.8 is the nearest 3.6 patch it does',
      containerd: '2.2: the LTS line of containerd 2, config version 3 (the same runtime as the default set)',
      runc: '1.4: the runc containerd 2.2 is tested with',
      cni: 'latest CNI plugins the proxy serves; bridge, loopback, host-local and portmap keep their CNI 1.0 confs',
      crictl: CRICTL,
      coredns: 'kubeadm 1.35 deploys 1.13.1, which the proxy does not serve; 1.14.3 reads the same Corefile',
      pause: 'kubeadm 1.35 PauseVersion',
    },
  },
  {
    minor: '1.36',
    set: {
      kubernetes: '1.36.3',
      etcd: '3.6.8',
      containerd: '2.2.9',
      runc: '1.4.4',
      cni: '1.9.1',
      crictl: '1.37.0',
      coredns: '1.14.3',
      pause: '3.10.2',
    },
    reasons: {
      kubernetes: 'latest 1.36 patch the module proxy serves (1.32 is out of support)',
      etcd: 'kubeadm 1.36 DefaultEtcdVersion',
      containerd: '2.2: the LTS line of containerd 2; Kubernetes 1.36 needs containerd 2 (1.35 was the last for 1.x)',
      runc: '1.4: the runc containerd 2.2 is tested with; still runs on cgroup v1 hosts',
      cni: 'latest CNI plugins the proxy serves',
      crictl: CRICTL,
      coredns: 'kubeadm 1.36 deploys 1.14.2, which the proxy does not serve; 1.14.3 is the next patch',
      pause: 'kubeadm 1.36 PauseVersion, built from the pause.c of the same k8s.io/kubernetes module',
    },
  },
  {
    minor: '1.37',
    set: {
      kubernetes: '1.37.2',
      etcd: '3.7.1',
      containerd: '2.3.7',
      runc: '1.5.3',
      cni: '1.9.1',
      crictl: '1.37.0',
      coredns: '1.14.6',
      pause: '3.10.2',
    },
    reasons: {
      kubernetes: 'latest 1.37 patch the module proxy serves',
      etcd: 'kubeadm 1.37 deploys 3.7.0; etcdctl 3.7.0 is not served, so the whole etcd set is 3.7.1',
      containerd: '2.3: the containerd line released with Kubernetes 1.37',
      runc: '1.5: the runc containerd 2.3 is tested with',
      cni: 'latest CNI plugins the proxy serves',
      crictl: CRICTL,
      coredns: 'kubeadm 1.37 CoreDNSVersion',
      pause: 'kubeadm 1.37 PauseVersion',
    },
  },
];

/** The minor a cluster runs when its vars name no Kubernetes version. */
export const DEFAULT_MINOR = '1.36';

/** major.minor of a version ('1.36.3' -> '1.36'); undefined for a string that is not one. */
export function minorOf(version: string): string | undefined {
  return /^v?(\d+\.\d+)\./.exec(version)?.[1];
}

/** The release line of a Kubernetes version's minor; undefined when the project has none for it. */
export function releaseLineFor(kubernetes: string): ReleaseLine | undefined {
  const minor = minorOf(kubernetes);
  return RELEASE_LINES.find((l) => l.minor === minor);
}

/** The default release line. */
export function defaultReleaseLine(): ReleaseLine {
  return RELEASE_LINES.find((l) => l.minor === DEFAULT_MINOR)!;
}

/** Image names the cluster refers to: the kubelet's sandbox and the CoreDNS Deployment use exactly these. */
export function pauseImage(pause: string): string {
  return `registry.k8s.io/pause:${pause}`;
}

/** The CoreDNS image name for a version (the tag keeps upstream's leading v). */
export function corednsImage(coredns: string): string {
  return `registry.k8s.io/coredns/coredns:v${coredns.replace(/^v/, '')}`;
}
