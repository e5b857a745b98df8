// A worker's node name (the hostname, or --hostname-override) against the CN of its kubelet cert (the Node
// authorizer lets system:node:X act on node X only), and its kubelet's pod CIDR against the inventory's.

import { X509Certificate } from 'node:crypto';
import { finding, type Finding, type Route } from 'orchestrate';
import { nodeNameOf, type KubeletSeen } from '../kubelet-probe.ts';

/** What one host printed. */
export interface PodRoutesSeen {
  readonly hostname: string;
  readonly routes: readonly Route[];
  readonly routeText: readonly string[];
  /** Workers only: what the kubelet runs with, and its cert (PEM) or undefined when unreadable. */
  readonly kubelet: KubeletSeen | undefined;
  readonly tlsCertPath: string | undefined;
  readonly tlsCert: string | undefined;
}

const ID = 'pod-routes';

/** Pure: node-name and pod-CIDR findings of one worker (none when all is well). */
export function judgeWorkerNode(host: string, s: PodRoutesSeen, inventoryCidr: string, actualCidr: string): Finding[] {
  const out: Finding[] = [];
  if (!s.kubelet?.argv)
    return [
      finding(
        ID,
        host,
        'warn',
        `no kubelet unit on ${host}: cannot compare its node name with its cert (not a KTHW worker?)`,
        [],
        'install the kubelet (orchestrate apply playbooks/cluster.ts --role kubelet), or take the host out of the workers group',
      ),
    ];
  const node = nodeNameOf(s.kubelet, s.hostname);
  const cn = commonName(s.tlsCert);
  const evidence = [
    `hostname: ${s.hostname}`,
    `node name the kubelet registers: ${node}`,
    `${s.tlsCertPath ?? 'kubelet cert'}: ${cn === undefined ? 'unreadable' : `CN=${cn}`}`,
  ];
  if (cn === undefined)
    out.push(
      finding(
        ID,
        host,
        'warn',
        `cannot read the kubelet cert ${s.tlsCertPath ?? ''} on ${host}: its node name is unchecked`,
        evidence,
        'orchestrate apply playbooks/cluster.ts --role kubelet places it (the certificates check names what is missing)',
      ),
    );
  else if (cn !== `system:node:${node}`)
    out.push(
      finding(
        ID,
        host,
        'fail',
        `${host}'s kubelet registers as node "${node}" but its cert says ${cn}: the Node authorizer rejects it (system:node:... cannot act on node ${node})`,
        evidence,
        `make the hostname equal the cert's node name: hostnamectl set-hostname ${cn.replace(/^system:node:/, '')} and restart the kubelet (orchestrate apply playbooks/cluster.ts --role node-prep sets it to the inventory name)`,
      ),
    );
  if (actualCidr !== inventoryCidr)
    out.push(
      finding(
        ID,
        host,
        'warn',
        `${host}'s kubelet uses pod CIDR ${actualCidr}, the inventory says ${inventoryCidr}: routes orchestrate installs follow the inventory`,
        [`podCIDR in the kubelet config: ${actualCidr}`, `inventory/state dir: ${inventoryCidr}`],
        "make them agree (pod_cidr host var, or orchestrate apply playbooks/cluster.ts --role kubelet,pod-routes to use the inventory's)",
      ),
    );
  return out;
}

/** The CN of a PEM certificate, undefined when unreadable. */
function commonName(pem: string | undefined): string | undefined {
  if (pem === undefined) return undefined;
  try {
    const cn = new X509Certificate(pem).subject.split('\n').find((l) => l.startsWith('CN='));
    return cn?.slice(3);
  } catch {
    return undefined;
  }
}
