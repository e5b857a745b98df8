// Every controller reaches :10250 on every worker by the address type the apiserver dials; when that type
// is Hostname, the controller must resolve the workers' names (the "dials kubelets by a name" trap).

import { sh, defineCheck, finding, type Finding } from 'orchestrate';
import type { WorkerNode } from '../../cluster/index.ts';
import type { KthwDoctorContext } from '../context.ts';
import { flagValue, parseTcp, parseUnitArgv, tcpProbe, unitArgvProbe } from '../probe-lib.ts';

const ID = 'kubelet-reachability';
const KUBELET_PORT = 10250;
/** kube-apiserver's default when the flag is absent (1.32). */
export const DEFAULT_ADDRESS_TYPES = ['Hostname', 'InternalDNS', 'InternalIP', 'ExternalDNS', 'ExternalIP'];

export const kubeletReachability = defineCheck<KthwDoctorContext>({
  id: ID,
  title: 'controllers reach every kubelet (:10250) by the address type the apiserver uses',
  probe: (host, { model, isController }) => {
    if (!isController(host)) return undefined;
    return [unitArgvProbe('kube-apiserver'), ...model.workers.map(workerProbe)].join('\n');
  },
  judge: (outputs, ctx) => {
    const out: Finding[] = [];
    for (const [host, o] of outputs) if (o.ok) out.push(...judgeController(host, o.text, ctx.model.workers));
    return out;
  },
});

/** Resolves the worker's name (getent: /etc/hosts and DNS, as the apiserver's resolver), dials both paths. */
function workerProbe(w: WorkerNode): string {
  return [
    sh`a=$(getent ahostsv4 ${w.name} 2>/dev/null | awk 'NR==1{print $1}'); echo "resolve "${w.name}" \${a:-none}"`,
    tcpProbe(`ip:${w.name}`, w.address, KUBELET_PORT),
    ...(w.externalAddress ? [tcpProbe(`external:${w.name}`, w.externalAddress, KUBELET_PORT)] : []),
    sh`if [ -n "$a" ]; then timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$a" ${KUBELET_PORT} 2>/dev/null; rc=$?; case $rc in 0) s=open;; 124) s=timeout;; 1) s=refused;; *) s=error;; esac; echo "tcp name:"${w.name}" $a "${KUBELET_PORT}" $s"; fi`,
  ].join('\n');
}

/** The address type the apiserver uses for a node: the first in its list that the node reports. */
export function effectiveType(
  types: readonly string[],
  w: WorkerNode,
): 'Hostname' | 'InternalIP' | 'ExternalIP' | undefined {
  for (const t of types) {
    if (t === 'Hostname' || t === 'InternalIP') return t;
    if (t === 'ExternalIP' && w.externalAddress) return t;
  }
  return undefined;
}

/** Pure: one controller's findings from its probe output. */
export function judgeController(host: string, text: string, workers: readonly WorkerNode[]): Finding[] {
  const argv = parseUnitArgv(text);
  const flag = argv ? flagValue(argv, 'kubelet-preferred-address-types') : undefined;
  const types = flag ? flag.split(',').map((s) => s.trim()) : DEFAULT_ADDRESS_TYPES;
  const typesText = flag
    ? `--kubelet-preferred-address-types=${flag}`
    : `the default order ${DEFAULT_ADDRESS_TYPES.join(',')}`;
  const tcp = parseTcp(text);
  const resolved = new Map<string, string>();
  for (const m of text.matchAll(/^resolve (\S+) (\S+)$/gm)) resolved.set(m[1]!, m[2]!);
  const findings: Finding[] = [];
  if (!argv)
    findings.push(
      finding(
        ID,
        host,
        'warn',
        'no kube-apiserver unit here: cannot tell which address type it dials; checked InternalIP',
        [],
        'install kube-apiserver on this controller (orchestrate apply --role kube-apiserver)',
      ),
    );
  const fixDial =
    "put InternalIP first: --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname (orchestrate's kube-apiserver role sets it)";
  const used = new Set<string>();
  for (const w of workers) {
    const type = argv ? (effectiveType(types, w) ?? 'InternalIP') : 'InternalIP';
    used.add(type);
    const name = resolved.get(w.name) ?? 'none';
    const label =
      type === 'Hostname' ? `name:${w.name}` : type === 'ExternalIP' ? `external:${w.name}` : `ip:${w.name}`;
    const r = tcp.find((t) => t.label === label);
    const evidence = [
      `apiserver dials ${type} (${typesText})`,
      `getent ahostsv4 ${w.name}: ${name}`,
      ...tcp
        .filter((t) => t.label.endsWith(`:${w.name}`))
        .map((t) => `${t.addr}:${t.port} (${t.label.split(':')[0]}): ${t.state}`),
    ];
    if (type === 'Hostname' && name === 'none') {
      findings.push(
        finding(
          ID,
          host,
          'fail',
          `the apiserver dials kubelets by hostname and ${host} cannot resolve ${w.name}: logs, exec and port-forward fail`,
          evidence,
          `${fixDial}, or make the names resolvable on the controllers (node-prep's /etc/hosts block)`,
        ),
      );
      continue;
    }
    if (type === 'Hostname' && name !== w.address)
      findings.push(
        finding(
          ID,
          host,
          'warn',
          `${w.name} resolves to ${name} on ${host}, not its InternalIP ${w.address}`,
          evidence,
          `${fixDial}, or correct the name's address in /etc/hosts or DNS`,
        ),
      );
    if (!r || r.state !== 'open') {
      const why =
        r?.state === 'refused'
          ? 'nothing listens there (is the kubelet running?)'
          : r?.state === 'timeout'
            ? 'packets are dropped on the way (a firewall?)'
            : 'the probe did not run';
      findings.push(
        finding(
          ID,
          host,
          'fail',
          `${host} cannot reach ${w.name}'s kubelet at ${r?.addr ?? w.address}:${KUBELET_PORT}: ${why}`,
          evidence,
          `allow TCP ${KUBELET_PORT} from the controllers on ${w.name} (iptables -S INPUT there) and check systemctl status kubelet`,
        ),
      );
    }
  }
  if (!findings.some((f) => f.verdict !== 'ok'))
    findings.push(
      finding(ID, host, 'ok', `reaches all ${workers.length} kubelets on :${KUBELET_PORT} by ${[...used].join(', ')}`),
    );
  return findings;
}
