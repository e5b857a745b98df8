// The etcd systemd unit (docs/kthw.md#etcd): TLS for clients and peers, per-member certificates.

import type { ClusterModel, ClusterNode } from '../../kubernetes/cluster/model-types.ts';
import { ETCD_PKI } from '../../kubernetes/pki/index.ts';
import { execLines, renderUnitFile } from 'orchestrate';

export const ETCD_DATA_DIR = '/var/lib/etcd';
export const ETCD_BIN = '/usr/local/bin/etcd';
export const ETCDCTL_BIN = '/usr/local/bin/etcdctl';

/** --initial-cluster: every member of the model, whatever --limit says. */
export function initialCluster(model: ClusterModel): string {
  return model.etcd.map((m) => `${m.name}=https://${m.address}:2380`).join(',');
}

/** Pure: the unit file of one member. */
export function renderEtcdUnit(model: ClusterModel, me: ClusterNode): string {
  // Flag and value as separate words on one line where etcd's unit always had them so (same bytes as before).
  const flags: (string | string[])[] = [
    ['--name', me.name],
    `--cert-file=${ETCD_PKI.cert}`,
    `--key-file=${ETCD_PKI.key}`,
    `--peer-cert-file=${ETCD_PKI.peerCert}`,
    `--peer-key-file=${ETCD_PKI.peerKey}`,
    `--trusted-ca-file=${ETCD_PKI.ca}`,
    `--peer-trusted-ca-file=${ETCD_PKI.ca}`,
    '--peer-client-cert-auth',
    '--client-cert-auth',
    ['--initial-advertise-peer-urls', `https://${me.address}:2380`],
    ['--listen-peer-urls', `https://${me.address}:2380`],
    ['--listen-client-urls', `https://${me.address}:2379,https://127.0.0.1:2379`],
    ['--advertise-client-urls', `https://${me.address}:2379`],
    ['--initial-cluster-token', 'etcd-cluster-0'],
    ['--initial-cluster', initialCluster(model)],
    ['--initial-cluster-state', 'new'],
    `--data-dir=${ETCD_DATA_DIR}`,
  ];
  return renderUnitFile({
    unit: [
      ['Description', 'etcd'],
      ['Documentation', 'https://github.com/etcd-io/etcd'],
    ],
    service: [
      ['Type', 'notify'],
      ['ExecStart', execLines(ETCD_BIN, flags)],
      ['Restart', 'on-failure'],
      ['RestartSec', '5'],
    ],
    install: [['WantedBy', 'multi-user.target']],
  });
}

/** etcdctl against this member's local endpoint with its own (server+client) certificate. */
export function etcdctlLocal(args: string): string {
  return `ETCDCTL_API=3 ${ETCDCTL_BIN} --endpoints=https://127.0.0.1:2379 --cacert=${ETCD_PKI.ca} --cert=${ETCD_PKI.cert} --key=${ETCD_PKI.key} ${args}`;
}
