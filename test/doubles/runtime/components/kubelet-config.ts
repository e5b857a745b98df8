// KubeletConfiguration (kubelet.config.k8s.io/v1beta1): the fields KTHW sets, checked as the kubelet would use them.

import { existsSync } from 'node:fs';
import { DoubleError } from '../fail.ts';
import { isCidrList, isDnsSubdomain, isGoDuration, isIp } from '../values.ts';
import { expectTypeMeta, parseYamlFile, unknownFields } from '../yaml-file.ts';
import { KUBELET_FIELDS } from './kubelet-fields.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

/** What the kubelet double serves and checks further, with v1beta1 defaults filled in. */
export interface KubeletConfig {
  readonly address: string;
  readonly port: number;
  readonly healthzBindAddress: string;
  readonly healthzPort: number;
  readonly tlsCertFile?: string;
  readonly tlsPrivateKeyFile?: string;
  readonly clientCAFile?: string;
  readonly anonymous: boolean;
  readonly containerRuntimeEndpoint: string;
  readonly failSwapOn: boolean;
  readonly registerNode: boolean;
  readonly podCIDR?: string;
  readonly unknown: readonly string[];
}

const DURATIONS = [
  'syncFrequency',
  'fileCheckFrequency',
  'httpCheckFrequency',
  'streamingConnectionIdleTimeout',
  'nodeStatusUpdateFrequency',
  'nodeStatusReportFrequency',
  'imageMinimumGCAge',
  'imageMaximumGCAge',
  'volumeStatsAggPeriod',
  'cpuManagerReconcilePeriod',
  'runtimeRequestTimeout',
  'cpuCFSQuotaPeriod',
  'evictionPressureTransitionPeriod',
  'shutdownGracePeriod',
  'shutdownGracePeriodCriticalPods',
  'containerLogMonitorInterval',
];

function fail(path: string, field: string, msg: string): never {
  throw new DoubleError(`${path}: ${field}: ${msg}`);
}

/** Checks the file; the double's own requirements (KTHW's settings) say so in their message. */
export function checkKubeletConfig(path: string): KubeletConfig {
  const doc = parseYamlFile(path);
  expectTypeMeta(doc, path, 'KubeletConfiguration', ['kubelet.config.k8s.io/v1beta1']);
  if (at(doc, 'authentication', 'webhook', 'enabled') !== true)
    fail(
      path,
      'authentication.webhook.enabled',
      'must be true (the apiserver authenticates to the kubelet with tokens; KTHW sets it)',
    );
  const mode = at(doc, 'authorization', 'mode') ?? 'Webhook';
  if (mode !== 'Webhook')
    fail(
      path,
      'authorization.mode',
      `${JSON.stringify(mode)}: must be Webhook (KTHW; the RBAC role system:kube-apiserver-to-kubelet exists for it)`,
    );
  const dns = doc['clusterDNS'];
  if (dns !== undefined && !(Array.isArray(dns) && dns.every((d) => typeof d === 'string' && isIp(d))))
    fail(path, 'clusterDNS', 'must be a list of IP addresses');
  const domain = doc['clusterDomain'];
  if (domain !== undefined && !(typeof domain === 'string' && isDnsSubdomain(domain)))
    fail(path, 'clusterDomain', `${JSON.stringify(domain)} is not a DNS domain`);
  if (Array.isArray(dns) && dns.length > 0 && domain === undefined)
    fail(path, 'clusterDomain', 'required when clusterDNS is set');
  const podCIDR = doc['podCIDR'];
  if (podCIDR !== undefined && podCIDR !== '' && !(typeof podCIDR === 'string' && isCidrList(podCIDR)))
    fail(path, 'podCIDR', `${JSON.stringify(podCIDR)} is not a CIDR`);
  const resolv = doc['resolvConf'] ?? '/etc/resolv.conf';
  if (typeof resolv !== 'string') fail(path, 'resolvConf', 'must be a path');
  if (resolv !== '' && !existsSync(resolv))
    fail(path, 'resolvConf', `${resolv} does not exist (pods would get no DNS config)`);
  const driver = doc['cgroupDriver'] ?? 'cgroupfs';
  if (driver !== 'systemd' && driver !== 'cgroupfs')
    fail(path, 'cgroupDriver', `${JSON.stringify(driver)}: must be systemd or cgroupfs`);
  for (const d of DURATIONS)
    if (doc[d] !== undefined && !(typeof doc[d] === 'string' && isGoDuration(doc[d])))
      fail(path, d, `${JSON.stringify(doc[d])} is not a duration`);
  for (const p of ['port', 'healthzPort', 'readOnlyPort', 'maxPods'])
    if (doc[p] !== undefined && !Number.isInteger(doc[p])) fail(path, p, 'must be an integer');
  for (const a of ['address', 'healthzBindAddress'])
    if (doc[a] !== undefined && !(typeof doc[a] === 'string' && isIp(doc[a]))) fail(path, a, 'must be an IP address');
  const cert = doc['tlsCertFile'];
  const key = doc['tlsPrivateKeyFile'];
  if ((cert === undefined || cert === '') !== (key === undefined || key === ''))
    fail(path, 'tlsCertFile/tlsPrivateKeyFile', 'both or neither');
  const ca = at(doc, 'authentication', 'x509', 'clientCAFile');
  return {
    address: (doc['address'] as string | undefined) ?? '0.0.0.0',
    port: (doc['port'] as number | undefined) ?? 10250,
    healthzBindAddress: (doc['healthzBindAddress'] as string | undefined) ?? '127.0.0.1',
    healthzPort: (doc['healthzPort'] as number | undefined) ?? 10248,
    ...(typeof cert === 'string' && cert ? { tlsCertFile: cert, tlsPrivateKeyFile: key as string } : {}),
    ...(typeof ca === 'string' && ca ? { clientCAFile: ca } : {}),
    anonymous: at(doc, 'authentication', 'anonymous', 'enabled') === true,
    containerRuntimeEndpoint:
      (doc['containerRuntimeEndpoint'] as string | undefined) ?? 'unix:///run/containerd/containerd.sock',
    failSwapOn: doc['failSwapOn'] !== false,
    registerNode: doc['registerNode'] !== false,
    ...(typeof podCIDR === 'string' && podCIDR ? { podCIDR } : {}),
    unknown: unknownFields(doc, KUBELET_FIELDS),
  };
}
