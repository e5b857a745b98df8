// The CNI confs of KTHW (docs/kthw.md#containerd): one bridge per node over its pod CIDR, and the loopback.

/** containerd (and ctr --cni) take the lexically first conf: the bridge must sort first. */
export const BRIDGE_CONF = '10-bridge.conf';
/** Last: the loopback needs no ordering, only presence. */
export const LOOPBACK_CONF = '99-loopback.conf';

/** KTHW 2025's bridge name (the 2021 edition used cnio0). */
export const BRIDGE_NAME = 'cni0';

/** Pure: 10-bridge.conf: pods on cni0, gateway on the bridge, masquerade off the pod CIDR, host-local IPAM. */
export function renderBridgeConf(podCidr: string, cniVersion: string): string {
  const conf = {
    cniVersion,
    name: 'bridge',
    type: 'bridge',
    bridge: BRIDGE_NAME,
    isGateway: true,
    ipMasq: true,
    ipam: {
      type: 'host-local',
      ranges: [[{ subnet: podCidr }]],
      routes: [{ dst: '0.0.0.0/0' }],
    },
  };
  return `${JSON.stringify(conf, null, 2)}\n`;
}

/** Pure: 99-loopback.conf. */
export function renderLoopbackConf(cniVersion: string): string {
  return `${JSON.stringify({ cniVersion, name: 'lo', type: 'loopback' }, null, 2)}\n`;
}
