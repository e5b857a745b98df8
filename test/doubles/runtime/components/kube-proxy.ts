// kube-proxy double: --config (KubeProxyConfiguration v1alpha1), its kubeconfig; then http :10256/healthz, :10249.

import { accessSync, constants } from 'node:fs';
import type { Server } from 'node:http';
import { DoubleError, Problems } from '../fail.ts';
import { checkOtherFiles } from '../files.ts';
import { lastValue } from '../flag-parse.ts';
import { reachApiserver } from '../kube-client.ts';
import type { DoubleContext, Running } from '../run.ts';
import { closeAll, reply, serveHttp } from '../serve.ts';
import { isCidrList, isGoDuration, isIpPort } from '../values.ts';
import { expectTypeMeta, parseYamlFile, unknownFields } from '../yaml-file.ts';
import { requireKubeconfig, warnUser } from './controller-manager.ts';

const TOP = [
  'apiVersion',
  'kind',
  'featureGates',
  'clientConnection',
  'logging',
  'hostnameOverride',
  'bindAddress',
  'healthzBindAddress',
  'metricsBindAddress',
  'bindAddressHardFail',
  'enableProfiling',
  'showHiddenMetricsForVersion',
  'mode',
  'iptables',
  'ipvs',
  'nftables',
  'winkernel',
  'detectLocalMode',
  'detectLocal',
  'clusterCIDR',
  'nodePortAddresses',
  'oomScoreAdj',
  'conntrack',
  'configSyncPeriod',
  'portRange',
  'windowsRunAsService',
];
const MODES = ['', 'iptables', 'ipvs', 'nftables'];
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the config file sets that the double uses. */
export interface ProxyConfig {
  readonly kubeconfig: string;
  readonly mode: string;
  readonly healthz: string;
  readonly metrics: string;
  readonly unknown: string[];
}

/** Checks the config file (lenient about unknown fields, as kube-proxy decodes v1alpha1). */
export function checkProxyConfig(path: string): ProxyConfig {
  const doc = parseYamlFile(path);
  expectTypeMeta(doc, path, 'KubeProxyConfiguration', ['kubeproxy.config.k8s.io/v1alpha1']);
  const mode = doc['mode'] ?? '';
  if (typeof mode !== 'string' || !MODES.includes(mode))
    throw new DoubleError(`${path}: mode ${JSON.stringify(mode)}: must be one of iptables, ipvs, nftables`);
  const cidr = doc['clusterCIDR'];
  if (cidr !== undefined && cidr !== '' && !(typeof cidr === 'string' && isCidrList(cidr)))
    throw new DoubleError(`${path}: clusterCIDR ${JSON.stringify(cidr)} is not a CIDR (or a dual-stack pair)`);
  for (const f of ['healthzBindAddress', 'metricsBindAddress'])
    if (doc[f] !== undefined && doc[f] !== '' && !(typeof doc[f] === 'string' && isIpPort(doc[f])))
      throw new DoubleError(`${path}: ${f} ${JSON.stringify(doc[f])} is not IP:port`);
  const durations: [string, unknown][] = [['configSyncPeriod', doc['configSyncPeriod']]];
  for (const section of ['iptables', 'ipvs', 'nftables', 'conntrack'])
    if (isObj(doc[section]))
      for (const [k, v] of Object.entries(doc[section]))
        if (/Period$|Timeout|^udpTimeout/.test(k)) durations.push([`${section}.${k}`, v]);
  for (const [k, v] of durations)
    if (v !== undefined && v !== null && !(typeof v === 'string' && isGoDuration(v)))
      throw new DoubleError(`${path}: ${k} ${JSON.stringify(v)} is not a duration`);
  const cc = isObj(doc['clientConnection']) ? doc['clientConnection'] : {};
  return {
    kubeconfig: typeof cc['kubeconfig'] === 'string' ? cc['kubeconfig'] : '',
    mode: mode || 'iptables',
    healthz: (doc['healthzBindAddress'] as string | undefined) || '0.0.0.0:10256',
    metrics: (doc['metricsBindAddress'] as string | undefined) || '127.0.0.1:10249',
    unknown: unknownFields(doc, TOP),
  };
}

const hostPort = (v: string, dflt: number): [string, number] => {
  const m = /^(?:\[(.*)\]|(.*?))(?::(\d+))?$/.exec(v)!;
  return [m[1] ?? m[2] ?? '0.0.0.0', m[3] ? Number(m[3]) : dflt];
};

function onPath(bin: string): boolean {
  return (process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').some((d) => {
    try {
      accessSync(`${d}/${bin}`, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The kube-proxy double's main. */
export async function kubeProxyMain(ctx: DoubleContext): Promise<Running> {
  const { flags } = ctx;
  const problems = new Problems();
  const config = lastValue(flags, 'config');
  let cfg: ProxyConfig | undefined;
  if (config) problems.check('--config', () => (cfg = checkProxyConfig(config)));
  const kc =
    config && !cfg ? undefined : requireKubeconfig(flags, cfg ? cfg.kubeconfig || undefined : undefined, problems);
  checkOtherFiles(flags, new Set(['config', 'kubeconfig']), problems);
  problems.throwIfAny();
  if (cfg?.unknown.length)
    ctx.warn(`${config}: unknown field(s) ${cfg.unknown.join(', ')} (ignored: lenient decoding)`);
  warnUser(ctx, kc, /^system:kube-proxy$/, 'system:kube-proxy');
  const mode = cfg?.mode ?? lastValue(flags, 'proxy-mode') ?? 'iptables';
  if (mode === 'iptables' && !onPath('iptables-restore'))
    ctx.warn('iptables mode, but iptables-restore is not on PATH');
  const [hb, hp] = hostPort(cfg?.healthz ?? lastValue(flags, 'healthz-bind-address') ?? '0.0.0.0:10256', 10256);
  const [mb, mp] = hostPort(cfg?.metrics ?? lastValue(flags, 'metrics-bind-address') ?? '127.0.0.1:10249', 10249);
  const started = new Date().toISOString();
  const servers: Server[] = [];
  servers.push(
    await serveHttp(ctx.e.component, hb, hp, (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/healthz' || path === '/livez')
        return reply(res, 200, { lastUpdated: started, currentTime: new Date().toISOString(), nodeEligible: true });
      reply(res, 404, '404 page not found');
    }),
  );
  if (mp !== 0)
    servers.push(
      await serveHttp(ctx.e.component, mb, mp, (req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path === '/proxyMode') return reply(res, 200, mode);
        if (path === '/metrics') return reply(res, 200, '# orchestrate test double: no metrics\n');
        reply(res, 404, '404 page not found');
      }),
    );
  ctx.log(`mode ${mode}; healthz on http://${hb}:${hp}/healthz`);
  const stop = kc ? reachApiserver(kc, ctx.e.component, ctx.log, ctx.warn) : () => undefined;
  return {
    close: () => {
      stop();
      return closeAll(servers);
    },
  };
}
