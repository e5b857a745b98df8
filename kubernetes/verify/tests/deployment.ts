// KTHW smoke test 2: a Deployment's pod reaches Running. Also where "cannot verify" is decided: an API whose
// gitVersion is not an upstream release AND that never schedules a pod answers like a test double.

import { defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { apiCall, apiCapture, describeAnswer, jsonOf, ok, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { deploymentObject, NAMESPACE, paths, WEB, WEB_LABELS } from '../objects.ts';
import { deploymentView, podLine, podsWithLabels } from '../pods.ts';

/** Seconds without any sign of a controller (no status.observedGeneration) before giving up early. */
export const CONTROLLER_WAIT = 30;

export const deploymentTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'deployment',
  title: `a Deployment (${WEB}) gets a Running pod`,
  needs: ['namespace'],
  timeoutSeconds: (ctx) => ctx.waitSeconds + 60,
  script: (ctx) => {
    const early = Math.min(CONTROLLER_WAIT, ctx.waitSeconds);
    return [
      apiCall(ctx.client, 'apply', { path: paths.apply(paths.deployment), apply: deploymentObject(ctx) }),
      'case "$code" in 2??) ;; *) exit 0;; esac',
      'start=$(date +%s)',
      'while :; do',
      `  ${apiCapture(ctx.client, { path: paths.deployment })}`,
      '  d=$r',
      `  ${apiCapture(ctx.client, { path: paths.webPods })}`,
      `  printf '%s' "$r" | grep -Eq '"phase": *"Running"' && break`,
      '  el=$(( $(date +%s) - start ))',
      `  if [ "$el" -ge ${early} ] && ! printf '%s' "$d" | grep -q '"observedGeneration"'; then break; fi`,
      `  [ "$el" -ge ${ctx.waitSeconds} ] && break`,
      '  sleep 2',
      'done',
      sectionMarker('waited'),
      'echo $(( $(date +%s) - start ))',
      apiCall(ctx.client, 'deployment', { path: paths.deployment }),
      apiCall(ctx.client, 'pods', { path: paths.webPods }),
    ].join('\n');
  },
  judge: (sections, ctx, facts) => judgeDeployment(sections, ctx, facts),
});

/** Pure: Running pod (pass), a test double (unverifiable), or the first thing that stopped the pod (fail). */
export function judgeDeployment(
  sections: ReadonlyMap<string, string>,
  ctx: VerifyContext,
  facts: Partial<VerifyFacts>,
): Judged<VerifyFacts> {
  const applied = parseAnswer(sections.get('apply'));
  if (!ok(applied))
    return {
      outcome: 'fail',
      summary: `the API refused the Deployment ${WEB}`,
      evidence: [describeAnswer('apply Deployment', applied)],
      fix: 'see the API message above',
    };
  const waited = Number(sections.get('waited') ?? '0');
  const dep = deploymentView(jsonOf(parseAnswer(sections.get('deployment'))));
  const pods = podsWithLabels(jsonOf(parseAnswer(sections.get('pods'))), WEB_LABELS);
  const running = pods.find((p) => p.phase === 'Running' && p.node && p.ip);
  if (running)
    return {
      outcome: 'pass',
      summary: `pod ${running.name} Running on ${running.node} after ${waited} s`,
      evidence: [podLine(running)],
      facts: { pod: { name: running.name, ip: running.ip!, node: running.node! } },
    };
  const evidence = [
    `Deployment ${WEB}: ${dep.observed ? 'observed by a controller' : 'no status.observedGeneration (no controller acted on it)'}`,
    ...dep.conditions.map((c) => `  condition ${c}`),
    ...(pods.length === 0 ? ['no pod exists for it'] : pods.map(podLine)),
  ];
  const scheduled = pods.filter((p) => p.node !== undefined);
  if (facts.release === false && scheduled.length === 0)
    return {
      outcome: 'unverifiable',
      summary:
        `the API at ${ctx.client.server} answers like a test double (gitVersion ${facts.gitVersion}): cannot verify; ` +
        `in ${waited} s ${dep.observed ? 'no pod was scheduled' : 'no controller acted on the Deployment and no pod was scheduled'}`,
      evidence: [`gitVersion ${facts.gitVersion} is not an upstream release version`, ...evidence],
      fix: 'run verify against a cluster with the real Kubernetes binaries (nothing here schedules or runs pods)',
    };
  const stuck = (what: string, fix: string): Judged<VerifyFacts> => ({ outcome: 'fail', summary: what, evidence, fix });
  if (!dep.observed)
    return stuck(
      `no controller acted on the Deployment in ${waited} s: kube-controller-manager is not running or not leading`,
      'on the controllers: systemctl status kube-controller-manager; journalctl -u kube-controller-manager',
    );
  const first = pods[0];
  if (first === undefined)
    return stuck(
      `the Deployment was observed but no pod was created in ${waited} s`,
      `kubectl -n ${NAMESPACE} describe replicaset: its events name the reason (admission, quota, service account)`,
    );
  if (scheduled.length === 0)
    return stuck(
      `pod ${first.name} was not scheduled in ${waited} s${first.unschedulable ? `: ${first.unschedulable}` : ''}`,
      'check kube-scheduler on the controllers (systemctl status kube-scheduler) and that the nodes are Ready and untainted',
    );
  const pod = scheduled[0]!;
  const pull = /ErrImagePull|ImagePullBackOff|InvalidImageName/.test(pod.container ?? '');
  return stuck(
    `pod ${pod.name} on ${pod.node} is ${pod.phase} after ${waited} s${pod.container ? `: ${pod.container}` : ''}`,
    pull
      ? `the workers cannot pull ${ctx.image}: give them a registry mirror, or -e verify_image=<mirror>/nginx:1.27`
      : `on ${pod.node}: journalctl -u kubelet -u containerd (or pass --wait SECS if the image is slow to pull)`,
  );
}
