// File names of the PKI in <stateDir>: one base name per certificate, `<name>.pem` + `<name>-key.pem`.

import { join } from 'node:path';
import { OrchestrateError } from 'orchestrate';

/** Certificate names (file bases in <stateDir>/pki); per-node ones carry the node name. */
export const CERT = {
  ca: 'ca',
  admin: 'admin',
  kubelet: (node: string): string => `kubelet-${node}`,
  kubeProxy: 'kube-proxy',
  controllerManager: 'kube-controller-manager',
  scheduler: 'kube-scheduler',
  apiserver: 'kubernetes',
  serviceAccount: 'service-account',
  etcdServer: (member: string): string => `etcd-server-${member}`,
  etcdPeer: (member: string): string => `etcd-peer-${member}`,
  apiserverEtcdClient: 'apiserver-etcd-client',
} as const;

/** The certificate file of a name, relative to the pki dir. */
export const certFile = (name: string): string => `${name}.pem`;
/** The private key file of a name, relative to the pki dir. */
export const keyFile = (name: string): string => `${name}-key.pem`;

/** <stateDir>/pki: CA and leaf keys and certificates, the manifest. */
export const pkiDir = (stateDir: string): string => join(stateDir, 'pki');
/** <stateDir>/secrets: the encryption-at-rest key. */
export const secretsDir = (stateDir: string): string => join(stateDir, 'secrets');
/** The admin kubeconfig for the control machine (server = the API address). */
export const ADMIN_KUBECONFIG_FILE = 'admin.kubeconfig';

const NODE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Node names become file names and cert CNs: lower-case DNS labels only (no "/", no ".."). */
export function checkNodeName(name: string): string {
  if (!NODE_NAME.test(name) || name.includes('..'))
    throw new OrchestrateError('INVENTORY_INVALID', `host name "${name}" cannot name a Kubernetes node`, {
      fix: 'use lower-case letters, digits, "-" and "." (a DNS name), e.g. worker-0',
    });
  return name;
}
