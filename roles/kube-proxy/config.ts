// KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1) and the unit (docs/kthw.md#kube-proxy): pure renderers.

import { stringify } from 'yaml';
import { execLines, renderUnitFile } from 'orchestrate';
import { MANAGED_HEADER } from 'orchestrate/module-kit';
import { KUBE_PROXY_PKI } from '../../kubernetes/pki/index.ts';

/** Where the config goes (--config). */
export const KUBE_PROXY_CONFIG = `${KUBE_PROXY_PKI.dir}/kube-proxy-config.yaml`;
/** Where the binary is installed. */
export const KUBE_PROXY_BIN = '/usr/local/bin/kube-proxy';
/** kube-proxy's health endpoint (plain HTTP); the health gate polls it on loopback. */
export const KUBE_PROXY_HEALTHZ_PORT = 10256;

/** What the config is made from. */
export interface KubeProxyConfigInput {
  readonly node: string;
  readonly clusterCidr: string;
  /** conntrack.maxPerCore; 0 leaves nf_conntrack_max alone (a host in a container cannot write it). Unset: kube-proxy's default. */
  readonly conntrackMaxPerCore?: number | undefined;
}

/** Pure: iptables mode (ip_vs is not everywhere), the pod CIDR for masquerading, the node's own name. */
export function renderKubeProxyConfig(c: KubeProxyConfigInput): string {
  const doc = {
    kind: 'KubeProxyConfiguration',
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    clientConnection: { kubeconfig: KUBE_PROXY_PKI.kubeconfig },
    mode: 'iptables',
    clusterCIDR: c.clusterCidr,
    // The Node object it reads is the kubelet's: the same name, whatever the hostname.
    hostnameOverride: c.node,
    healthzBindAddress: `0.0.0.0:${KUBE_PROXY_HEALTHZ_PORT}`,
    ...(c.conntrackMaxPerCore === undefined ? {} : { conntrack: { maxPerCore: c.conntrackMaxPerCore } }),
  };
  return `${MANAGED_HEADER}\n${stringify(doc, { lineWidth: 0 })}`;
}

/** Pure: the unit (KTHW's, unchanged). */
export function renderKubeProxyUnit(): string {
  return renderUnitFile({
    unit: [
      ['Description', 'Kubernetes Kube Proxy'],
      ['Documentation', 'https://github.com/kubernetes/kubernetes'],
    ],
    service: [
      ['ExecStart', execLines(KUBE_PROXY_BIN, [`--config=${KUBE_PROXY_CONFIG}`])],
      ['Restart', 'on-failure'],
      ['RestartSec', '5'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });
}
