// What of the PKI goes to which host, at which path, for which component: one table, pure.

import type { ClusterModel } from '../cluster/model-types.ts';
import type { KubeconfigSpec } from './kubeconfig.ts';
import { KUBECONFIGS } from './kubeconfig.ts';
import { CERT, certFile, keyFile } from './names.ts';
import { CONTROL_PLANE_PKI as CP, ETCD_PKI, KUBE_PROXY_PKI, kubeletPki } from './paths.ts';
import { ENCRYPTION_KEY_FILE } from './encryption.ts';

/** The components a role places PKI files for. */
export type PkiComponent =
  'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kubelet' | 'kube-proxy' | 'admin';

/** Where a placed file's bytes come from. */
export type PkiSource =
  | { readonly kind: 'cert'; readonly cert: string }
  | { readonly kind: 'key'; readonly cert: string }
  | { readonly kind: 'kubeconfig'; readonly kubeconfig: KubeconfigSpec }
  | { readonly kind: 'encryption-config' };

/** One file on one host. */
export interface Placement {
  readonly host: string;
  readonly component: PkiComponent;
  readonly path: string;
  readonly mode: '0644' | '0600';
  readonly source: PkiSource;
}

const cert = (name: string) => ({ source: { kind: 'cert', cert: name }, mode: '0644' }) as const;
const key = (name: string) => ({ source: { kind: 'key', cert: name }, mode: '0600' }) as const;
const kubeconfig = (k: KubeconfigSpec) => ({ source: { kind: 'kubeconfig', kubeconfig: k }, mode: '0600' }) as const;

type Entry = { path: string } & (ReturnType<typeof cert> | ReturnType<typeof key> | ReturnType<typeof kubeconfig>);

/** The files of one component on one host (the host is assumed to run it). */
function componentFiles(model: ClusterModel, host: string, component: PkiComponent): Entry[] {
  switch (component) {
    case 'etcd':
      return [
        { path: ETCD_PKI.ca, ...cert(CERT.ca) },
        { path: ETCD_PKI.cert, ...cert(CERT.etcdServer(host)) },
        { path: ETCD_PKI.key, ...key(CERT.etcdServer(host)) },
        { path: ETCD_PKI.peerCert, ...cert(CERT.etcdPeer(host)) },
        { path: ETCD_PKI.peerKey, ...key(CERT.etcdPeer(host)) },
      ];
    case 'kube-apiserver':
      return [
        { path: CP.ca, ...cert(CERT.ca) },
        { path: CP.caKey, ...key(CERT.ca) },
        { path: CP.apiserverCert, ...cert(CERT.apiserver) },
        { path: CP.apiserverKey, ...key(CERT.apiserver) },
        { path: CP.serviceAccountCert, ...cert(CERT.serviceAccount) },
        { path: CP.serviceAccountKey, ...key(CERT.serviceAccount) },
        { path: CP.etcdClientCert, ...cert(CERT.apiserverEtcdClient) },
        { path: CP.etcdClientKey, ...key(CERT.apiserverEtcdClient) },
      ];
    case 'kube-controller-manager':
      return [
        { path: CP.ca, ...cert(CERT.ca) },
        { path: CP.caKey, ...key(CERT.ca) },
        { path: CP.serviceAccountKey, ...key(CERT.serviceAccount) },
        { path: CP.controllerManagerKubeconfig, ...kubeconfig(KUBECONFIGS.controllerManager()) },
      ];
    case 'kube-scheduler':
      return [{ path: CP.schedulerKubeconfig, ...kubeconfig(KUBECONFIGS.scheduler()) }];
    case 'admin':
      return [{ path: CP.adminKubeconfig, ...kubeconfig(KUBECONFIGS.admin()) }];
    case 'kubelet': {
      const p = kubeletPki(host);
      return [
        { path: p.ca, ...cert(CERT.ca) },
        { path: p.cert, ...cert(CERT.kubelet(host)) },
        { path: p.key, ...key(CERT.kubelet(host)) },
        { path: p.kubeconfig, ...kubeconfig(KUBECONFIGS.kubelet(model, host)) },
      ];
    }
    case 'kube-proxy':
      return [{ path: KUBE_PROXY_PKI.kubeconfig, ...kubeconfig(KUBECONFIGS.kubeProxy(model)) }];
  }
}

/** The hosts that run a component in this model. */
export function componentHosts(model: ClusterModel, component: PkiComponent): string[] {
  if (component === 'etcd') return model.etcd.map((n) => n.name);
  if (component === 'kubelet' || component === 'kube-proxy') return model.workers.map((n) => n.name);
  return model.controllers.map((n) => n.name);
}

/** The files of one component on one host, or undefined when the model does not run it there. */
export function placementsFor(model: ClusterModel, host: string, component: PkiComponent): Placement[] | undefined {
  if (!componentHosts(model, component).includes(host)) return undefined;
  const files: Placement[] = componentFiles(model, host, component).map((f) => ({ host, component, ...f }));
  if (component === 'kube-apiserver')
    files.push({ host, component, path: CP.encryptionConfig, mode: '0600', source: { kind: 'encryption-config' } });
  return files;
}

/** Every placement of the cluster (for the manifest's "hosts" and for audits). */
export function allPlacements(model: ClusterModel): Placement[] {
  const components: PkiComponent[] = [
    'etcd',
    'kube-apiserver',
    'kube-controller-manager',
    'kube-scheduler',
    'admin',
    'kubelet',
    'kube-proxy',
  ];
  return components.flatMap((c) => componentHosts(model, c).flatMap((h) => placementsFor(model, h, c) ?? []));
}

/** The state-dir files (relative to it) a placement is made from: a pending one makes it pending. */
export function sourceFiles(source: PkiSource): string[] {
  switch (source.kind) {
    case 'cert':
      return [`pki/${certFile(source.cert)}`];
    case 'key':
      return [`pki/${keyFile(source.cert)}`];
    case 'kubeconfig':
      return [
        `pki/${certFile(CERT.ca)}`,
        `pki/${certFile(source.kubeconfig.cert)}`,
        `pki/${keyFile(source.kubeconfig.cert)}`,
      ];
    case 'encryption-config':
      return [ENCRYPTION_KEY_FILE];
  }
}

/** The certificates a placement carries or embeds (a kubeconfig embeds the CA and its client cert). */
export function certsIn(source: PkiSource): string[] {
  if (source.kind === 'cert' || source.kind === 'key') return [source.cert];
  if (source.kind === 'kubeconfig') return [CERT.ca, source.kubeconfig.cert];
  return [];
}
