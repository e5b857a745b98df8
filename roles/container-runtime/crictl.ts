// /etc/crictl.yaml: crictl (installed with the kubelet) talks to this containerd without flags.

import { CONTAINERD_SOCKET } from './paths.ts';

/** Pure: the crictl config pointing both endpoints at containerd's socket. */
export function renderCrictlConfig(): string {
  return [
    `runtime-endpoint: unix://${CONTAINERD_SOCKET}`,
    `image-endpoint: unix://${CONTAINERD_SOCKET}`,
    'timeout: 10',
    'debug: false',
    '',
  ].join('\n');
}
