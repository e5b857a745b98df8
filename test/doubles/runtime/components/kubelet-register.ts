// The kubelet double registers its Node through its kubeconfig (as the real one does), retrying in the background.

import { arch, hostname, networkInterfaces } from 'node:os';
import { kubeRequest, retryInBackground } from '../kube-client.ts';
import type { KubeconfigInfo } from '../kubeconfig.ts';

/** The node's name (hostname, lower case, unless overridden) and its first IPv4 address. */
export function nodeIdentity(override: string | undefined, nodeIp: string | undefined): { name: string; ip: string } {
  let ip = nodeIp;
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (!ip && a.family === 'IPv4' && !a.internal) ip = a.address;
  return { name: (override || hostname()).toLowerCase(), ip: ip ?? '127.0.0.1' };
}

/** Pure: the Node object the double registers. */
export function nodeObject(name: string, ip: string, version: string, podCIDR: string | undefined): object {
  const goArch = arch() === 'x64' ? 'amd64' : arch();
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': goArch },
    },
    spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'orchestrate test double: not a real kubelet',
        },
      ],
      nodeInfo: { kubeletVersion: version, operatingSystem: 'linux', architecture: goArch },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

/** Registers the Node (201, or 409 when it exists), retrying every 10 s like the real kubelet. */
export function registerInBackground(
  kc: KubeconfigInfo,
  node: object,
  log: (m: string) => void,
  warn: (m: string) => void,
): () => void {
  return retryInBackground(
    async () => {
      const r = await kubeRequest(kc, 'POST', '/api/v1/nodes', {
        body: JSON.stringify(node),
        userAgent: 'kubelet-orchestrate-test-double',
      }).catch((e: Error) => {
        throw new Error(`unable to register node with ${kc.server.origin}: ${e.message}`);
      });
      if (r.status === 201 || r.status === 409) return `node registered with ${kc.server.origin} (HTTP ${r.status})`;
      throw new Error(
        `unable to register node with ${kc.server.origin}: HTTP ${r.status} ${r.body.trim().slice(0, 300)}`,
      );
    },
    log,
    warn,
  );
}
