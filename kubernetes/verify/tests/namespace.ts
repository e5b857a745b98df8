// verify's own namespace: made (or re-used from an earlier run) with its managed-by label; a namespace of
// that name without the label is someone else's, and verify leaves it alone.

import { sh, defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { apiCall, apiCapture, describeAnswer, parseAnswer, ok } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { MANAGED_BY, NAMESPACE, namespaceObject, paths } from '../objects.ts';

/** Seconds to wait for an earlier run's namespace to finish terminating. */
const TERMINATING_WAIT = 90;
const [labelKey, labelValue] = Object.entries(MANAGED_BY)[0]!;

export const namespaceTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'namespace',
  title: `verify's namespace ${NAMESPACE} (created now, deleted at the end)`,
  needs: ['api'],
  timeoutSeconds: () => TERMINATING_WAIT + 60,
  script: (ctx) => {
    const get = apiCapture(ctx.client, { path: paths.namespace });
    const labelled = sh`printf '%s' "$r" | grep -Eq ${`"${labelKey}": *"${labelValue}"`}`;
    return [
      get,
      `if [ "$code" = 200 ] && ! ${labelled}; then ${sectionMarker('foreign')}; exit 0; fi`,
      `end=$(( $(date +%s) + ${TERMINATING_WAIT} ))`,
      `while [ "$code" = 200 ] && printf '%s' "$r" | grep -q '"Terminating"'; do`,
      `  if [ "$(date +%s)" -ge "$end" ]; then ${sectionMarker('still-terminating')}; exit 0; fi`,
      `  sleep 2; ${get}`,
      'done',
      apiCall(ctx.client, 'apply', { path: paths.apply(paths.namespace), apply: namespaceObject() }),
    ].join('\n');
  },
  judge: (sections) => judgeNamespace(sections),
});

/** Pure: the namespace test's verdict. */
export function judgeNamespace(sections: ReadonlyMap<string, string>): Judged<VerifyFacts> {
  if (sections.has('foreign'))
    return {
      outcome: 'fail',
      summary: `namespace ${NAMESPACE} exists without the label ${labelKey}=${labelValue}: it is not verify's, so verify does not touch it`,
      fix: `delete or rename that namespace if it is not in use, then run orchestrate verify again`,
    };
  if (sections.has('still-terminating'))
    return {
      outcome: 'fail',
      summary: `namespace ${NAMESPACE} from an earlier run is still terminating after ${TERMINATING_WAIT} s`,
      fix: `kubectl get namespace ${NAMESPACE} -o yaml shows what holds it (finalizers); is kube-controller-manager running?`,
    };
  const applied = parseAnswer(sections.get('apply'));
  if (!ok(applied))
    return {
      outcome: 'fail',
      summary: `the API refused to create namespace ${NAMESPACE}`,
      evidence: [describeAnswer('apply Namespace', applied)],
      fix: 'the admin client must be allowed to create namespaces (group system:masters)',
    };
  return {
    outcome: 'pass',
    summary: `namespace ${NAMESPACE} ${applied.code === 201 ? 'created' : 'exists from an earlier run, re-used'}`,
    facts: { namespaceOwned: true },
  };
}
