// Kubeconfigs in kubectl's own format, certificates embedded: pure, so the same PKI gives the same bytes.

import { stringify } from 'yaml';
import type { ClusterModel } from '../cluster/model-types.ts';
import { Secret, registerSecret } from 'orchestrate';
import { CERT } from './names.ts';
import { LOCAL_API_URL } from './paths.ts';

/** Who a kubeconfig authenticates as, with which client certificate, against which server. */
export interface KubeconfigSpec {
  readonly user: string;
  /** Certificate name (CERT.*) of the client cert and key embedded. */
  readonly cert: string;
  readonly server: string;
}

/** Everything a kubeconfig embeds. */
export interface KubeconfigInput {
  readonly clusterName: string;
  readonly server: string;
  readonly user: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * The kubeconfigs (docs/kthw.md#kubeconfigs): workers and the admin machine use the API address,
 * controllers 127.0.0.1.
 */
export const KUBECONFIGS = {
  kubelet: (m: ClusterModel, node: string): KubeconfigSpec => ({
    user: `system:node:${node}`,
    cert: CERT.kubelet(node),
    server: m.api.url,
  }),
  kubeProxy: (m: ClusterModel): KubeconfigSpec => ({
    user: 'system:kube-proxy',
    cert: CERT.kubeProxy,
    server: m.api.url,
  }),
  controllerManager: (): KubeconfigSpec => ({
    user: 'system:kube-controller-manager',
    cert: CERT.controllerManager,
    server: LOCAL_API_URL,
  }),
  scheduler: (): KubeconfigSpec => ({ user: 'system:kube-scheduler', cert: CERT.scheduler, server: LOCAL_API_URL }),
  admin: (): KubeconfigSpec => ({ user: 'admin', cert: CERT.admin, server: LOCAL_API_URL }),
  adminRemote: (m: ClusterModel): KubeconfigSpec => ({ user: 'admin', cert: CERT.admin, server: m.api.url }),
} as const;

const b64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

/** Kubeconfigs already rendered in this process: the same input renders the same text (the roles and prepare share it). */
const rendered = new Map<string, Secret>();

/** The kubeconfig YAML (context "default", current); a Secret, since it embeds a private key. */
export function renderKubeconfig(k: KubeconfigInput): Secret {
  const memo = JSON.stringify([k.clusterName, k.server, k.user, k.caPem, k.certPem, k.keyPem]);
  const hit = rendered.get(memo);
  if (hit) return hit;
  const out = renderFresh(k);
  rendered.set(memo, out);
  return out;
}

function renderFresh(k: KubeconfigInput): Secret {
  const keyData = b64(k.keyPem);
  registerSecret(keyData);
  // Key order and layout as `kubectl config set-*` writes them, so the file reads like any other kubeconfig.
  const doc = {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': b64(k.caPem), server: k.server }, name: k.clusterName }],
    contexts: [{ context: { cluster: k.clusterName, user: k.user }, name: 'default' }],
    'current-context': 'default',
    kind: 'Config',
    preferences: {},
    users: [{ name: k.user, user: { 'client-certificate-data': b64(k.certPem), 'client-key-data': keyData } }],
  };
  // Only the key is secret: registering every line would mask public lines such as "current-context: default".
  return new Secret(stringify(doc, { lineWidth: 0, indentSeq: false }));
}
