// Pod to pod across nodes: a one-shot pod pinned to another worker fetches the web pod's page by its pod IP,
// which only the pod routes (one per worker's pod CIDR) make reachable. Uses the API only.

import { defineSmokeTest, type Judged } from 'orchestrate';
import { describeAnswer, jsonOf, ok, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { lines } from '../kubectl.ts';
import { NET_POD, netPodObject } from '../objects.ts';
import { oneShotPodScript } from '../one-shot-pod.ts';
import { podLine, podView } from '../pods.ts';

/** What the client pod prints when the page came back. */
export const REACHED = 'pod-network: reached';

export const podNetworkTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'pod-network',
  title: 'a pod on one worker reaches a pod on another by its pod IP',
  needs: ['deployment'],
  timeoutSeconds: (ctx) => ctx.waitSeconds + 90,
  script: (ctx, facts) => {
    const web = facts.pod!;
    const other = ctx.model.workers.find((w) => w.name !== web.node);
    if (other === undefined)
      return { skip: `the cluster has one worker (${web.node}): no other node to reach it from`, fix: 'add a worker' };
    return oneShotPodScript(ctx, NET_POD, netPodObject(ctx, other.name, web.ip));
  },
  judge: (sections, _ctx, facts) => judgePodNetwork(sections, facts),
});

/** Pure: the client pod ran on another node than the web pod and its log says the page came back. */
export function judgePodNetwork(
  sections: ReadonlyMap<string, string>,
  facts: Partial<VerifyFacts>,
): Judged<VerifyFacts> {
  const web = facts.pod;
  const target = web ? `${web.name} (${web.ip} on ${web.node})` : 'the web pod';
  const applied = parseAnswer(sections.get('apply'));
  if (!ok(applied))
    return {
      outcome: 'fail',
      summary: `the API refused pod ${NET_POD}`,
      evidence: [describeAnswer('apply Pod', applied)],
      fix: 'see the API message above',
    };
  const pod = podView(jsonOf(parseAnswer(sections.get('pod'))));
  const log = parseAnswer(sections.get('log'));
  const logLines = log?.code === 200 ? lines(log.body, 6) : [describeAnswer(`GET pods/${NET_POD}/log`, log)];
  const evidence = [pod ? podLine(pod) : `pod ${NET_POD}: not found`, ...logLines.map((l) => `log: ${l}`)];
  const reached = logLines.some((l) => l.startsWith(REACHED));
  if (reached && pod?.node !== undefined && pod.node !== web?.node)
    return { outcome: 'pass', summary: `pod ${NET_POD} on ${pod.node} reached ${target}`, evidence };
  const finished = pod?.phase === 'Succeeded' || pod?.phase === 'Failed';
  return {
    outcome: 'fail',
    summary: finished
      ? `pod ${NET_POD}${pod?.node ? ` on ${pod.node}` : ''} did not reach ${target}`
      : `pod ${NET_POD} did not finish in ${sections.get('waited') ?? '?'} s`,
    evidence,
    fix: finished
      ? 'orchestrate doctor (pod routes, pod CIDRs, br_netfilter); orchestrate apply playbooks/cluster.ts --role pod-routes'
      : 'see the pod line above; on its node: journalctl -u kubelet',
  };
}
