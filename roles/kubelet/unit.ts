// The kubelet systemd unit (docs/kthw.md#kubelet): config file, kubeconfig, node name and IP pinned to the model.

import { kubeletPki } from '../../kubernetes/pki/index.ts';
import { KUBELET_CONFIG } from './config.ts';
import { execLines, renderUnitFile } from 'orchestrate';

/** Where the binary is installed. */
export const KUBELET_BIN = '/usr/local/bin/kubelet';

/**
 * Pure: the unit. --hostname-override keeps the node name = the cert CN whatever the hostname is (the Node
 * authorizer lets system:node:X act on X only); --node-ip makes the InternalIP the model's address, not the
 * default route's interface (docs/kthw.md#node-name, #node-ip).
 */
export function renderKubeletUnit(node: string, address: string): string {
  const flags = [
    `--config=${KUBELET_CONFIG}`,
    `--kubeconfig=${kubeletPki(node).kubeconfig}`,
    `--hostname-override=${node}`,
    `--node-ip=${address}`,
    '--v=2',
  ];
  return renderUnitFile({
    unit: [
      ['Description', 'Kubernetes Kubelet'],
      ['Documentation', 'https://github.com/kubernetes/kubernetes'],
      ['After', 'containerd.service'],
      ['Requires', 'containerd.service'],
    ],
    service: [
      ['ExecStart', execLines(KUBELET_BIN, flags)],
      ['Restart', 'on-failure'],
      ['RestartSec', '5'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });
}
