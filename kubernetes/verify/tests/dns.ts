// DNS from a pod: a one-shot pod resolves kubernetes.default.svc.<domain> through CoreDNS and logs the
// answer, which must be the API Service's ClusterIP. Uses the API only (no exec, no kubectl needed).

import { defineSmokeTest, type Judged } from 'orchestrate';
import { describeAnswer, jsonOf, ok, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { lines } from '../kubectl.ts';
import { apiServiceName, DNS_POD, dnsPodObject } from '../objects.ts';
import { oneShotPodScript } from '../one-shot-pod.ts';
import { podLine, podView } from '../pods.ts';

export const dnsTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'dns',
  title: 'a pod resolves the API Service name through cluster DNS',
  needs: ['deployment'],
  timeoutSeconds: (ctx) => ctx.waitSeconds + 90,
  script: (ctx) => oneShotPodScript(ctx, DNS_POD, dnsPodObject(ctx)),
  judge: (sections, ctx) => judgeDns(sections, ctx),
});

/** Pure: the pod's log has the API Service's ClusterIP on the line of the name. */
export function judgeDns(sections: ReadonlyMap<string, string>, ctx: VerifyContext): Judged<VerifyFacts> {
  const name = apiServiceName(ctx);
  const applied = parseAnswer(sections.get('apply'));
  if (!ok(applied))
    return {
      outcome: 'fail',
      summary: `the API refused pod ${DNS_POD}`,
      evidence: [describeAnswer('apply Pod', applied)],
      fix: 'see the API message above',
    };
  const pod = podView(jsonOf(parseAnswer(sections.get('pod'))));
  const log = parseAnswer(sections.get('log'));
  const logLines = log?.code === 200 ? lines(log.body, 6) : [describeAnswer(`GET pods/${DNS_POD}/log`, log)];
  const evidence = [pod ? podLine(pod) : `pod ${DNS_POD}: not found`, ...logLines.map((l) => `log: ${l}`)];
  const ip = ctx.model.apiServiceIp;
  const answer = logLines.find((l) => l.split(/\s+/).includes(ip));
  if (log?.code === 200 && answer !== undefined)
    return {
      outcome: 'pass',
      summary: `${name} resolves to ${ip} in pod ${DNS_POD}${pod?.node ? ` on ${pod.node}` : ''}`,
      evidence,
    };
  const finished = pod?.phase === 'Succeeded' || pod?.phase === 'Failed';
  return {
    outcome: 'fail',
    summary: finished
      ? `${name} did not resolve to ${ip} in pod ${DNS_POD}`
      : `pod ${DNS_POD} did not finish in ${sections.get('waited') ?? '?'} s`,
    evidence,
    fix: finished
      ? `check CoreDNS (kubectl -n kube-system get pods,svc -l k8s-app=kube-dns; its Service must be ${ctx.model.dnsIp}) and orchestrate doctor (CoreDNS loop, br_netfilter)`
      : 'see the pod line above; on its node: journalctl -u kubelet',
  };
}
