// KTHW smoke test 6: a NodePort Service for the Deployment answers on every worker's address, from the controller.

import { sh, defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { apiCall, describeAnswer, jsonOf, ok, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { statusLine } from '../kubectl.ts';
import { paths, serviceObject, WEB } from '../objects.ts';

export const nodePortTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'node-port',
  title: `a NodePort Service (${WEB}) answers on the workers`,
  needs: ['deployment'],
  timeoutSeconds: (ctx) => 60 + 12 * ctx.model.workers.length,
  script: (ctx) =>
    [
      apiCall(ctx.client, 'service', { path: paths.apply(paths.service), apply: serviceObject() }),
      `port=$(printf '%s\\n' "$r" | sed '$d' | tr -d ' \\n' | sed -n 's/.*"nodePort":\\([0-9][0-9]*\\).*/\\1/p' | head -n 1)`,
      ...ctx.model.workers.map((w, i) =>
        [
          sectionMarker(`node-${i}`),
          // kube-proxy programs the port within a few seconds of the Service: retry for 10.
          'out=; i=0',
          'while [ -n "$port" ] && [ $i -lt 10 ]; do',
          sh`  out=$(curl -sS -I --max-time 5 "http://"${w.address}":$port/" 2>&1 | head -n 1)`,
          '  case "$out" in HTTP/*) break;; esac; i=$((i+1)); sleep 1',
          'done',
          'echo "$out"',
        ].join('\n'),
      ),
    ].join('\n'),
  judge: (sections, ctx, facts) => judgeNodePort(sections, ctx, facts),
});

/** Pure: every worker answers HTTP on the node port (pass), else the ones that do not (fail). */
export function judgeNodePort(
  sections: ReadonlyMap<string, string>,
  ctx: VerifyContext,
  facts: Partial<VerifyFacts>,
): Judged<VerifyFacts> {
  const service = parseAnswer(sections.get('service'));
  const port = jsonOf<{ spec?: { ports?: { nodePort?: number }[] } }>(service)?.spec?.ports?.[0]?.nodePort;
  if (!ok(service) || port === undefined)
    return {
      outcome: 'fail',
      summary: `the API ${ok(service) ? 'gave the Service no nodePort' : 'refused the NodePort Service'}`,
      evidence: [describeAnswer('apply Service', service)],
      fix: 'see the API message above (--service-node-port-range on the apiservers)',
    };
  const results = ctx.model.workers.map((w, i) => {
    const status = statusLine(sections.get(`node-${i}`));
    const answer = status ?? ((sections.get(`node-${i}`) ?? '').trim() || 'no answer');
    const mark = w.name === facts.pod?.node ? ' (the pod runs here)' : '';
    return { name: w.name, ok: status !== undefined, line: `${w.name} ${w.address}:${port}${mark}: ${answer}` };
  });
  const down = results.filter((r) => !r.ok).map((r) => r.name);
  if (down.length > 0)
    return {
      outcome: 'fail',
      summary: `node port ${port} does not answer on ${down.join(', ')}`,
      evidence: results.map((r) => r.line),
      fix: `on ${down.join(', ')}: systemctl status kube-proxy; iptables -t nat -S KUBE-NODEPORTS; orchestrate doctor (pod routes, br_netfilter)`,
    };
  return {
    outcome: 'pass',
    summary: `node port ${port} answers on all ${results.length} workers`,
    evidence: results.map((r) => r.line),
  };
}
