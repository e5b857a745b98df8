// KubeletConfiguration (kubelet.config.k8s.io/v1beta1), pure: the cluster DNS and pod CIDR settings the
// 2025 KTHW file dropped are back, since the cluster runs CoreDNS (docs/kthw.md#kubelet).

import { stringify } from 'yaml';
import { MANAGED_HEADER } from 'orchestrate/module-kit';
import { kubeletPki } from '../../kubernetes/pki/index.ts';

/** Where the config goes (--config). */
export const KUBELET_CONFIG = '/var/lib/kubelet/kubelet-config.yaml';
/** containerd's CRI socket (the container-runtime role's). */
export const CONTAINERD_SOCKET = 'unix:///var/run/containerd/containerd.sock';
/** The kubelet's plain-HTTP health endpoint, loopback only; the health gate polls it. */
export const KUBELET_HEALTHZ = { address: '127.0.0.1', port: 10248 } as const;

/** Everything the config is made from. */
export interface KubeletConfigInput {
  readonly node: string;
  readonly podCidr: string;
  readonly clusterDomain: string;
  readonly dnsIp: string;
  /** The file pods with dnsPolicy Default get (chooseResolvConf). */
  readonly resolvConf: string;
  readonly runtimeRequestTimeout: string;
  /** From the host's facts: the kubelet refuses cgroup v1 unless told it may run there. */
  readonly cgroupVersion: 1 | 2 | undefined;
  /** Off only where the kubelet's dir sits on a filesystem cadvisor cannot map to a device (overlay, tmpfs). */
  readonly localStorageCapacityIsolation: boolean;
}

/** Pure: the YAML; Webhook authn/authz, x509 client CA, serving cert = the node's, systemd cgroups as containerd. */
export function renderKubeletConfig(c: KubeletConfigInput): string {
  const pki = kubeletPki(c.node);
  const doc = {
    kind: 'KubeletConfiguration',
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    address: '0.0.0.0',
    port: 10250,
    healthzBindAddress: KUBELET_HEALTHZ.address,
    healthzPort: KUBELET_HEALTHZ.port,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: pki.ca },
    },
    authorization: { mode: 'Webhook' },
    cgroupDriver: 'systemd',
    containerRuntimeEndpoint: CONTAINERD_SOCKET,
    clusterDomain: c.clusterDomain,
    clusterDNS: [c.dnsIp],
    podCIDR: c.podCidr,
    registerNode: true,
    resolvConf: c.resolvConf,
    runtimeRequestTimeout: c.runtimeRequestTimeout,
    tlsCertFile: pki.cert,
    tlsPrivateKeyFile: pki.key,
    // Kubernetes 1.35+ stops on a cgroup v1 host unless allowed; v1 hosts (and hybrid ones) still run it until 1.38.
    ...(c.cgroupVersion === 1 ? { failCgroupV1: false } : {}),
    ...(c.localStorageCapacityIsolation ? {} : { localStorageCapacityIsolation: false }),
  };
  return `${MANAGED_HEADER}\n${stringify(doc, { lineWidth: 0 })}`;
}
