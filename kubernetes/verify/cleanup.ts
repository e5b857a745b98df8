// The cleanup that always runs last: delete verify's namespace (with everything verify made in it) and
// wait a while for the namespace controller to finish.

import { defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { apiCall, apiCapture, describeAnswer, parseAnswer } from './api.ts';
import type { VerifyContext, VerifyFacts } from './context.ts';
import { NAMESPACE, paths } from './objects.ts';

const GONE_WAIT = 60;

export const cleanup = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'cleanup',
  title: `delete namespace ${NAMESPACE} and what verify made in it`,
  timeoutSeconds: () => GONE_WAIT + 60,
  script: (ctx, facts) => {
    if (facts.namespaceOwned !== true)
      return {
        skip: `verify made no namespace ${NAMESPACE} in this run: nothing to delete`,
        fix: 'see namespace above',
      };
    return [
      apiCall(ctx.client, 'delete', { method: 'DELETE', path: paths.namespace }),
      'start=$(date +%s)',
      'while :; do',
      `  ${apiCapture(ctx.client, { path: paths.namespace })}`,
      `  [ "$code" = 404 ] && break; [ $(( $(date +%s) - start )) -ge ${GONE_WAIT} ] && break; sleep 2`,
      'done',
      sectionMarker('after'),
      'echo "$code $(( $(date +%s) - start ))"',
    ].join('\n');
  },
  judge: (sections) => judgeCleanup(sections),
});

/** Pure: the DELETE was accepted (or the namespace was already gone). */
export function judgeCleanup(sections: ReadonlyMap<string, string>): Judged<VerifyFacts> {
  const del = parseAnswer(sections.get('delete'));
  if (del === undefined || (del.code !== 404 && (del.code < 200 || del.code >= 300)))
    return {
      outcome: 'fail',
      summary: `namespace ${NAMESPACE} could not be deleted: remove it by hand`,
      evidence: [describeAnswer(`DELETE namespace ${NAMESPACE}`, del)],
      fix: `kubectl delete namespace ${NAMESPACE}`,
    };
  const [code, seconds] = (sections.get('after') ?? '').trim().split(' ');
  return {
    outcome: 'pass',
    summary:
      code === '404'
        ? `namespace ${NAMESPACE} deleted (gone after ${seconds ?? '?'} s)`
        : `namespace ${NAMESPACE} is terminating (the namespace controller finishes it; not gone after ${GONE_WAIT} s)`,
  };
}
