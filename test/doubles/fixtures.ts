// A complete, valid set of KTHW files for the doubles (certs, kubeconfigs, configs) and each component's flags.

import { stringify } from 'yaml';
import type { ServerComponent } from './build.ts';
import { encryptionConfigYaml, issue, kubeconfigYaml, makeCa, type Pem } from './test-pki.ts';

/** Where the files will live, and the endpoints they name. */
export interface FixtureOptions {
  /** Directory the files are written to (absolute on the machine that runs the double). */
  readonly dir: string;
  /** The apiserver URL in every kubeconfig. */
  readonly apiServer?: string;
  /** --etcd-servers. */
  readonly etcdServers?: string;
  /** IP SANs of the serving certs (apiserver, etcd, kubelet). */
  readonly ips?: readonly string[];
  /** Ports the doubles serve on (unit tests pick free ones; defaults are the real ones). */
  readonly ports?: Partial<
    Record<
      'apiserver' | 'controllerManager' | 'scheduler' | 'kubelet' | 'kubeletHealthz' | 'proxyHealthz' | 'proxyMetrics',
      number
    >
  >;
  /** The kubelet's CRI socket. */
  readonly criSocket?: string;
}

/** File name -> text, plus the argv of every component that uses them. */
export interface Fixture {
  readonly ca: Pem;
  readonly admin: Pem;
  readonly files: Record<string, string>;
  readonly args: Record<ServerComponent, string[]>;
}

/** Builds everything (a few RSA keys: about a second). */
export function kthwFixture(o: FixtureOptions): Fixture {
  const d = (n: string): string => `${o.dir}/${n}`;
  const ips = ['127.0.0.1', ...(o.ips ?? [])];
  const api = o.apiServer ?? `https://127.0.0.1:${o.ports?.apiserver ?? 6443}`;
  const p = {
    apiserver: 6443,
    controllerManager: 10257,
    scheduler: 10259,
    kubelet: 10250,
    kubeletHealthz: 10248,
    proxyHealthz: 10256,
    proxyMetrics: 10249,
    ...o.ports,
  };
  const ca = makeCa();
  const kubernetes = issue(ca, {
    cn: 'kubernetes',
    sans: [...ips, '10.32.0.1', 'kubernetes', 'kubernetes.default.svc.cluster.local', 'localhost'],
  });
  const sa = issue(ca, { cn: 'service-accounts', usage: 'client' });
  const admin = issue(ca, { cn: 'admin', orgs: ['system:masters'], usage: 'client' });
  const client = (cn: string, orgs: string[] = []): Pem => issue(ca, { cn, orgs, usage: 'client' });
  const kubelet = issue(ca, { cn: 'system:node:worker-0', orgs: ['system:nodes'], sans: [...ips, 'worker-0'] });
  const files: Record<string, string> = {
    'ca.pem': ca.certPem,
    'ca-key.pem': ca.keyPem,
    'kubernetes.pem': kubernetes.certPem,
    'kubernetes-key.pem': kubernetes.keyPem,
    'service-account.pem': sa.certPem,
    'service-account-key.pem': sa.keyPem,
    'worker-0.pem': kubelet.certPem,
    'worker-0-key.pem': kubelet.keyPem,
    'encryption-config.yaml': encryptionConfigYaml(),
    'admin.kubeconfig': kubeconfigYaml(api, ca, admin, 'admin'),
    'kube-controller-manager.kubeconfig': kubeconfigYaml(
      api,
      ca,
      client('system:kube-controller-manager'),
      'system:kube-controller-manager',
    ),
    'kube-scheduler.kubeconfig': kubeconfigYaml(api, ca, client('system:kube-scheduler'), 'system:kube-scheduler'),
    'kube-proxy.kubeconfig': kubeconfigYaml(
      api,
      ca,
      client('system:kube-proxy', ['system:node-proxier']),
      'system:kube-proxy',
    ),
    'worker-0.kubeconfig': kubeconfigYaml(api, ca, kubelet, 'system:node:worker-0'),
    'kube-scheduler.yaml': stringify({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      clientConnection: { kubeconfig: d('kube-scheduler.kubeconfig') },
      leaderElection: { leaderElect: true },
    }),
    'kube-proxy-config.yaml': stringify({
      kind: 'KubeProxyConfiguration',
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      clientConnection: { kubeconfig: d('kube-proxy.kubeconfig') },
      mode: 'iptables',
      clusterCIDR: '10.200.0.0/16',
      healthzBindAddress: `127.0.0.1:${p.proxyHealthz}`,
      metricsBindAddress: `127.0.0.1:${p.proxyMetrics}`,
    }),
    'kubelet-config.yaml': stringify({
      kind: 'KubeletConfiguration',
      apiVersion: 'kubelet.config.k8s.io/v1beta1',
      address: '127.0.0.1',
      port: p.kubelet,
      healthzPort: p.kubeletHealthz,
      authentication: {
        anonymous: { enabled: false },
        webhook: { enabled: true },
        x509: { clientCAFile: d('ca.pem') },
      },
      authorization: { mode: 'Webhook' },
      cgroupDriver: 'systemd',
      containerRuntimeEndpoint: `unix://${o.criSocket ?? '/run/containerd/containerd.sock'}`,
      clusterDomain: 'cluster.local',
      clusterDNS: ['10.32.0.10'],
      podCIDR: '10.200.0.0/24',
      failSwapOn: false,
      resolvConf: '/etc/resolv.conf',
      runtimeRequestTimeout: '15m',
      tlsCertFile: d('worker-0.pem'),
      tlsPrivateKeyFile: d('worker-0-key.pem'),
    }),
  };
  const args: Record<ServerComponent, string[]> = {
    'kube-apiserver': [
      '--allow-privileged=true',
      '--audit-log-maxage=30',
      '--audit-log-maxbackup=3',
      '--audit-log-maxsize=100',
      `--audit-log-path=${d('audit.log')}`,
      '--authorization-mode=Node,RBAC',
      '--bind-address=127.0.0.1',
      `--secure-port=${p.apiserver}`,
      `--client-ca-file=${d('ca.pem')}`,
      '--enable-admission-plugins=NamespaceLifecycle,NodeRestriction,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota',
      `--etcd-cafile=${d('ca.pem')}`,
      `--etcd-certfile=${d('kubernetes.pem')}`,
      `--etcd-keyfile=${d('kubernetes-key.pem')}`,
      `--etcd-servers=${o.etcdServers ?? 'https://127.0.0.1:2379'}`,
      '--event-ttl=1h',
      `--encryption-provider-config=${d('encryption-config.yaml')}`,
      `--kubelet-certificate-authority=${d('ca.pem')}`,
      `--kubelet-client-certificate=${d('kubernetes.pem')}`,
      `--kubelet-client-key=${d('kubernetes-key.pem')}`,
      '--runtime-config=api/all=true',
      `--service-account-key-file=${d('service-account.pem')}`,
      `--service-account-signing-key-file=${d('service-account-key.pem')}`,
      `--service-account-issuer=${api}`,
      '--service-cluster-ip-range=10.32.0.0/24',
      '--service-node-port-range=30000-32767',
      `--tls-cert-file=${d('kubernetes.pem')}`,
      `--tls-private-key-file=${d('kubernetes-key.pem')}`,
      '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
      '--v=2',
    ],
    'kube-controller-manager': [
      '--bind-address=127.0.0.1',
      `--secure-port=${p.controllerManager}`,
      '--cluster-cidr=10.200.0.0/16',
      '--cluster-name=kubernetes',
      `--cluster-signing-cert-file=${d('ca.pem')}`,
      `--cluster-signing-key-file=${d('ca-key.pem')}`,
      `--kubeconfig=${d('kube-controller-manager.kubeconfig')}`,
      '--leader-elect=true',
      `--root-ca-file=${d('ca.pem')}`,
      `--service-account-private-key-file=${d('service-account-key.pem')}`,
      '--service-cluster-ip-range=10.32.0.0/24',
      '--use-service-account-credentials=true',
      '--v=2',
    ],
    'kube-scheduler': [
      `--config=${d('kube-scheduler.yaml')}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${p.scheduler}`,
      '--v=2',
    ],
    kubelet: [
      `--config=${d('kubelet-config.yaml')}`,
      `--kubeconfig=${d('worker-0.kubeconfig')}`,
      '--hostname-override=worker-0',
      '--v=2',
    ],
    'kube-proxy': [`--config=${d('kube-proxy-config.yaml')}`],
  };
  return { ca, admin, files, args };
}
