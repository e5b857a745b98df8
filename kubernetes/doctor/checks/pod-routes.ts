// Every host routes each other worker's pod CIDR via that worker (docs/kthw.md#pod-routes); no two workers
// share a pod CIDR; each worker's node name is the one in its kubelet cert (docs/kthw.md#node-name).

import { defineCheck, finding, sh, type Finding, type Route } from 'orchestrate';
import { parseIpRouteText } from 'orchestrate/module-kit';
import { containsCidr, overlaps, parseCidr } from '../../cluster/cidr.ts';
import type { ClusterModel } from '../../cluster/model-types.ts';
import { kubeletPki } from '../../pki/paths.ts';
import type { KthwDoctorContext } from '../context.ts';
import { CERT_BLOCKS, KUBELET_PROBE, kubeletSetting, parseKubeletSeen } from '../kubelet-probe.ts';
import { judgeWorkerNode, type PodRoutesSeen } from './pod-routes-node.ts';

export type { PodRoutesSeen } from './pod-routes-node.ts';

const ID = 'pod-routes';
const APPLY = 'orchestrate apply playbooks/cluster.ts --role pod-routes';

/** Read-only: the hostname and IPv4 routes; on a worker also the kubelet's pod CIDR and its cert (no key). */
export function podRoutesProbe(worker: string | undefined): string {
  const base = ['echo "hostname $(uname -n)"', `ip -4 route show 2>&1 | sed 's/^/route| /'`];
  if (worker === undefined) return base.join('\n');
  return [
    ...base,
    KUBELET_PROBE,
    't= prev=; for w in $x; do case $w in --tls-cert-file=*) t=${w#*=};; esac; [ "$prev" = --tls-cert-file ] && t=$w; prev=$w; done',
    sh`[ -n "$t" ] || t=$(kv tlsCertFile) || t=; [ -n "$t" ] || t=${kubeletPki(worker).cert}`,
    `echo "tls-cert $t"; if [ -r "$t" ]; then ${CERT_BLOCKS} "$t" | sed 's/^/cert| /'; else echo "tls-cert-missing"; fi`,
  ].join('\n');
}

export const podRoutes = defineCheck<KthwDoctorContext>({
  id: ID,
  title: "every host routes each other worker's pod CIDR via it; pod CIDRs distinct; hostname = kubelet cert's node",
  probe: (host, { isController, isWorker }) =>
    isController(host) || isWorker(host) ? podRoutesProbe(isWorker(host) ? host.name : undefined) : undefined,
  judge: (outputs, { model }) => {
    const seen = new Map<string, PodRoutesSeen>();
    for (const [host, o] of outputs) if (o.ok) seen.set(host, parsePodRoutes(o.text));
    return judgePodRoutes(seen, model);
  },
});

/** Pure: one host's output. */
export function parsePodRoutes(text: string): PodRoutesSeen {
  const lines = text.split('\n');
  const routeText = lines.filter((l) => l.startsWith('route| ')).map((l) => l.slice(7));
  const isWorker = lines.some((l) => l.startsWith('argv') || l.startsWith('tls-cert'));
  const cert = lines.filter((l) => l.startsWith('cert| ')).map((l) => l.slice(6));
  return {
    hostname:
      lines
        .find((l) => l.startsWith('hostname '))
        ?.slice(9)
        .trim() ?? '',
    routes: parseIpRouteText(routeText.join('\n')),
    routeText,
    kubelet: isWorker ? parseKubeletSeen(text) : undefined,
    tlsCertPath: lines.find((l) => l.startsWith('tls-cert '))?.slice(9),
    tlsCert: cert.length > 0 ? cert.join('\n') : undefined,
  };
}

/** Pure: the pod CIDR each worker really uses: its kubelet's --pod-cidr or podCIDR, else the inventory's. */
export function actualPodCidrs(seen: ReadonlyMap<string, PodRoutesSeen>, model: ClusterModel): Map<string, string> {
  return new Map(
    model.workers.map((w) => {
      const k = seen.get(w.name)?.kubelet;
      return [w.name, (k && kubeletSetting(k, 'pod-cidr', 'podCIDR')) || w.podCidr];
    }),
  );
}

/** Pure: route findings per probed host, node-name findings per probed worker, overlap findings for the cluster. */
export function judgePodRoutes(seen: ReadonlyMap<string, PodRoutesSeen>, model: ClusterModel): Finding[] {
  const cidrs = actualPodCidrs(seen, model);
  const out: Finding[] = [];
  const ws = model.workers;
  for (let i = 0; i < ws.length; i++)
    for (let j = i + 1; j < ws.length; j++) {
      const [a, b] = [cidrs.get(ws[i]!.name)!, cidrs.get(ws[j]!.name)!];
      const [pa, pb] = [parseCidr(a), parseCidr(b)];
      if (pa && pb && overlaps(pa, pb))
        out.push(
          finding(
            ID,
            undefined,
            'fail',
            `${ws[i]!.name} (${a}) and ${ws[j]!.name} (${b}) ${a === b ? 'share' : 'overlap in'} a pod CIDR: pods get the same addresses and routes cannot tell the nodes apart`,
            [`${ws[i]!.name}: podCIDR ${a}`, `${ws[j]!.name}: podCIDR ${b}`],
            `give each worker its own pod CIDR (pod_cidr host var, or remove it to let orchestrate assign one), then orchestrate apply playbooks/cluster.ts --role kubelet,pod-routes`,
          ),
        );
    }
  for (const [host, s] of seen) {
    out.push(judgeRoutes(host, s, model, cidrs));
    const w = ws.find((x) => x.name === host);
    if (w && s.kubelet) out.push(...judgeWorkerNode(host, s, w.podCidr, cidrs.get(host)!));
  }
  return out;
}

/** Pure: one host's routes to every other worker's pod CIDR. */
function judgeRoutes(host: string, s: PodRoutesSeen, model: ClusterModel, cidrs: ReadonlyMap<string, string>): Finding {
  const others = model.workers.filter((w) => w.name !== host);
  const bad: { line: string; fix: string; what: string }[] = [];
  for (const w of others) {
    const cidr = cidrs.get(w.name)!;
    const r = bestRoute(s.routes, cidr);
    if (r?.gateway === w.address) continue;
    const what =
      r === undefined
        ? 'no route'
        : r.dst === 'default'
          ? `no route (the default route${r.gateway ? ` via ${r.gateway}` : ''} would take it)`
          : `the route ${r.dst} goes ${r.gateway ? `via ${r.gateway}` : `straight out of ${r.dev ?? '?'}`}`;
    bad.push({
      line: `${w.name}'s pod CIDR ${cidr}: ${what}, want via ${w.address}`,
      fix: `ip route replace ${cidr} via ${w.address}`,
      what: `${w.name}'s pod CIDR ${cidr}`,
    });
  }
  if (bad.length === 0)
    return finding(ID, host, 'ok', `${host} routes the pod CIDRs of all ${others.length} other workers via them`, []);
  return finding(
    ID,
    host,
    'fail',
    `${host} has no route via the owning worker to ${bad.map((b) => b.what).join(', ')}: pods there are unreachable from ${host} (e.g. CoreDNS cannot reach the API: docs/kthw.md#coredns-api-unreachable)`,
    [...bad.map((b) => b.line), 'ip -4 route show:', ...s.routeText.map((l) => `  ${l}`)],
    `on ${host}: ${bad.map((b) => b.fix).join('; ')}; to persist across reboots: ${APPLY}`,
  );
}

/** The longest-prefix route covering the whole CIDR (what the kernel would use for it). */
function bestRoute(routes: readonly Route[], cidr: string): Route | undefined {
  const target = parseCidr(cidr);
  if (!target) return undefined;
  let best: { r: Route; prefix: number } | undefined;
  for (const r of routes) {
    const dst = parseCidr(r.dst === 'default' ? '0.0.0.0/0' : r.dst);
    if (dst && containsCidr(dst, target) && (!best || dst.prefix > best.prefix)) best = { r, prefix: dst.prefix };
  }
  return best?.r;
}
