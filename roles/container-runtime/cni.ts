// The CNI confs of KTHW (SPEC 7.3): one bridge per node over its pod CIDR, and the loopback.

/** containerd (and ctr --cni) take the lexically first conf: the bridge must sort first. */
export const BRIDGE_CONF = '10-bridge.conf';
/** Last: the loopback needs no ordering, only presence. */
export const LOOPBACK_CONF = '99-loopback.conf';

/** KTHW NEW's bridge name (OLD used cnio0). */
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
