// Every worker reaches the apiserver through the API address and each controller directly; when only the
// API address fails, the load balancer or its return path is the suspect (the asymmetric-routing trap).

import { defineCheck, finding, type Finding } from 'orchestrate';
import type { KthwDoctorContext } from '../context.ts';
import { parseTcp, tcpProbe, type TcpResult } from '../probe-lib.ts';

const ID = 'api-reachability';

export const apiReachability = defineCheck<KthwDoctorContext>({
  id: ID,
  title: 'workers reach the apiserver through the API address and each controller directly',
  probe: (host, { model, isWorker }) => {
    if (!isWorker(host)) return undefined;
    const port = model.api.port;
    return [
      ...model.api.addresses.map((a) => tcpProbe('api', a, port)),
      ...model.controllers.map((c) => tcpProbe(c.name, c.address, port)),
    ].join('\n');
  },
  judge: (outputs, ctx) => {
    const findings: Finding[] = [];
    for (const [host, out] of outputs) if (out.ok) findings.push(judgeWorker(host, parseTcp(out.text), ctx));
    return findings;
  },
});

/** Pure: one worker's verdict from its TCP results. */
export function judgeWorker(host: string, results: readonly TcpResult[], { model }: KthwDoctorContext): Finding {
  const port = model.api.port;
  const line = (r: TcpResult) => `${r.label === 'api' ? 'API address' : r.label} ${r.addr}:${r.port}: ${r.state}`;
  const evidence = results.map(line);
  const api = results.filter((r) => r.label === 'api');
  const direct = results.filter((r) => r.label !== 'api');
  const apiDown = api.filter((r) => r.state !== 'open');
  const directDown = direct.filter((r) => r.state !== 'open');
  if (api.length === 0 && direct.length === 0)
    return finding(
      ID,
      host,
      'fail',
      'the probe printed nothing',
      [],
      'run orchestrate doctor -v; bash and timeout must exist on the host',
    );
  if (apiDown.length === 0 && directDown.length === 0)
    return finding(ID, host, 'ok', `reaches the API address and all ${direct.length} controllers on :${port}`);
  if (apiDown.length > 0 && directDown.length === 0) {
    const addrs = apiDown.map((r) => r.addr).join(', ');
    const isController = model.controllers.some((c) => apiDown.some((r) => r.addr === c.address));
    return finding(
      ID,
      host,
      'fail',
      `the API address ${addrs} does not answer from ${host}, but every controller does directly: ` +
        (isController
          ? 'the path to that address is blocked (a firewall rule on either side)'
          : 'the load balancer or its return path is the suspect (replies that bypass the load balancer are dropped)'),
      evidence,
      isController
        ? `look for a rule dropping ${addrs}:${port} (iptables -S on ${host} and on the controller)`
        : `make the load balancer's replies return through it: SNAT/masquerade on the load balancer, or route the controllers' replies to ${host} back via the load balancer; and check its backends are the controllers on :${port}`,
    );
  }
  if (directDown.length === direct.length)
    return finding(
      ID,
      host,
      'fail',
      `no apiserver answers from ${host}, neither through the API address nor directly`,
      evidence,
      `check kube-apiserver on the controllers (systemctl status kube-apiserver) and firewalls on :${port}`,
    );
  const names = directDown.map((r) => r.label).join(', ');
  return finding(
    ID,
    host,
    apiDown.length > 0 ? 'fail' : 'warn',
    `${names} ${directDown.length === 1 ? 'does' : 'do'} not answer on :${port} from ${host}` +
      (apiDown.length > 0 ? ', and neither does the API address' : ' (the API address still does)'),
    evidence,
    `check kube-apiserver on ${names} (systemctl status kube-apiserver) and the path from ${host} to it on :${port}`,
  );
}
