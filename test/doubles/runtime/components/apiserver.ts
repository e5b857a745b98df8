// kube-apiserver double: checks, waits for etcd, then serves health, discovery and a small object API.

import { networkInterfaces } from 'node:os';
import { Codec, encryptionRules } from '../api/codec.ts';
import { ObjectStore } from '../api/store.ts';
import { EtcdKv } from '../etcd-kv.ts';
import { RequestLog } from '../api/record.ts';
import { apiHandler } from '../api/server.ts';
import { kubernetesServiceIp, serviceRange } from '../api/service-ips.ts';
import { findResource } from '../api/resources.ts';
import { gitVersion } from '../embedded.ts';
import { DoubleError } from '../fail.ts';
import { boolValue, lastValue, listValue } from '../flag-parse.ts';
import { probeEtcd, waitForEtcd } from '../etcd.ts';
import type { DoubleContext, Running } from '../run.ts';
import { selfSigned } from '../self-signed.ts';
import { closeAll, serveTls } from '../serve.ts';
import { checkApiserver } from './apiserver-checks.ts';

/** Where requests.jsonl lives (env override for unit tests on this machine). */
export const stateDir = (): string => process.env['ORCHESTRATE_DOUBLE_STATE_DIR'] ?? '/var/lib/kube-apiserver-double';

function firstAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/** Names in-cluster clients use: a serving cert without them works from outside only. */
function warnSans(ctx: DoubleContext, sans: string, serviceIp: string): void {
  const want = [`IP Address:${serviceIp}`, 'DNS:kubernetes.default.svc.cluster.local', 'IP Address:127.0.0.1'];
  const missing = want.filter((w) => !sans.split(', ').includes(w));
  if (missing.length)
    ctx.warn(`serving certificate lacks SAN(s) ${missing.join(', ')}: clients using those names will fail TLS`);
}

/** What the real apiserver creates at start: the system namespaces, the kubernetes Service and its Endpoints. */
async function seed(store: ObjectStore, serviceIp: string, port: number, address: string): Promise<void> {
  const ns = findResource('', 'v1', 'namespaces')!;
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    if (!(await store.get(ns, undefined, name)))
      await store.put(ns, undefined, {
        metadata: { name },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
  const svc = findResource('', 'v1', 'services')!;
  await store.put(svc, 'default', {
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: serviceIp,
      clusterIPs: [serviceIp],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }],
    },
  });
  const ep = findResource('', 'v1', 'endpoints')!;
  const old = (await store.get(ep, 'default', 'kubernetes')) as
    { subsets?: { addresses?: { ip: string }[] }[] } | undefined;
  const ips = new Set([...(old?.subsets?.[0]?.addresses ?? []).map((a) => a.ip), address]);
  await store.put(ep, 'default', {
    metadata: { name: 'kubernetes' },
    subsets: [{ addresses: [...ips].sort().map((ip) => ({ ip })), ports: [{ name: 'https', port, protocol: 'TCP' }] }],
  });
}

/** The apiserver double's main. */
export async function apiserverMain(ctx: DoubleContext): Promise<Running> {
  const { flags } = ctx;
  const cfg = checkApiserver(flags);
  const range = serviceRange(lastValue(flags, 'service-cluster-ip-range') ?? '10.0.0.0/24');
  if (lastValue(flags, 'service-cluster-ip-range') === undefined)
    ctx.warn('--service-cluster-ip-range not set: services get IPs from the default 10.0.0.0/24');
  const port = Number(lastValue(flags, 'secure-port') ?? 6443);
  const bind = lastValue(flags, 'bind-address') ?? '0.0.0.0';
  const advertise = lastValue(flags, 'advertise-address') ?? (bind === '0.0.0.0' ? firstAddress() : bind);
  const serviceIp = kubernetesServiceIp(range);
  const serving = cfg.serving ?? selfSigned('localhost', ['localhost', '127.0.0.1', serviceIp, advertise]);
  if (cfg.serving) warnSans(ctx, cfg.serving.cert.subjectAltName ?? '', serviceIp);
  const etcdTls = { ...cfg.etcd };
  const waitS = Number(process.env['ORCHESTRATE_DOUBLE_ETCD_WAIT_S'] ?? 20);
  await waitForEtcd(cfg.etcd.servers, etcdTls, waitS * 1000, ctx.log);
  ctx.log(`etcd answers at ${cfg.etcd.servers.join(',')}`);

  let etcdProblem: string | undefined;
  const probe = async (): Promise<void> => {
    const probes = await Promise.all(cfg.etcd.servers.map((s) => probeEtcd(s, etcdTls, 2000)));
    etcdProblem = probes.some((p) => p.ok) ? undefined : probes.map((p) => (p.ok ? '' : p.reason)).join('; ');
  };
  const timer = setInterval(() => void probe(), 2000);
  const enc = lastValue(flags, 'encryption-provider-config');
  const store = new ObjectStore(new EtcdKv(cfg.etcd.servers, etcdTls), new Codec(enc ? encryptionRules(enc) : []));
  await seed(store, serviceIp, port, advertise).catch((e: Error) => {
    throw new DoubleError(`etcd: cannot store objects through its v3 JSON gateway (/v3/kv): ${e.message}`);
  });
  const server = await serveTls(
    {
      component: ctx.e.component,
      bind,
      port,
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      ...(cfg.clientCaPem ? { clientCaPem: cfg.clientCaPem } : {}),
    },
    apiHandler({
      gitVersion: gitVersion(ctx.e),
      anonymousAuth: boolValue(flags, 'anonymous-auth', true),
      auth: {
        saKeys: cfg.saKeys,
        saIssuers: listValue(flags, 'service-account-issuer'),
        staticTokens: cfg.staticTokens,
      },
      store,
      range,
      log: new RequestLog(stateDir()),
      serverAddress: `${advertise}:${port}`,
      etcdProblem: () => etcdProblem,
    }),
  );
  ctx.log(`serving on https://${bind}:${port} (requests recorded in ${stateDir()}/requests.jsonl)`);
  return {
    close: async () => {
      clearInterval(timer);
      await closeAll([server]);
    },
  };
}
