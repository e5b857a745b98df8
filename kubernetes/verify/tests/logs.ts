// KTHW smoke test 4: the pod's log through the API (apiserver -> kubelet), after a request verify sends to the
// pod's IP from the controller (the pod routes make it reachable), which the log should show.

import { sh, defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { apiCall, describeAnswer, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { KUBELET_PATH_FIX, lines, statusLine } from '../kubectl.ts';
import { paths, WEB_PORT } from '../objects.ts';

/** The User-Agent of verify's request: what the judge looks for in the log. */
export const USER_AGENT = 'orchestrate-verify';

export const logsTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'logs',
  title: "the pod's log can be read through the API",
  needs: ['deployment'],
  timeoutSeconds: () => 60,
  script: (ctx, facts) => {
    const pod = facts.pod!;
    return [
      sectionMarker('request'),
      sh`curl -sS -I --max-time 10 -A ${USER_AGENT} ${`http://${pod.ip}:${WEB_PORT}/`} 2>&1 | head -n 1`,
      'sleep 1',
      apiCall(ctx.client, 'log', { path: paths.log(pod.name) }),
    ].join('\n');
  },
  judge: (sections, _ctx, facts) => judgeLogs(sections, facts.pod?.name ?? '', facts.pod?.ip ?? ''),
});

/** Pure: the log endpoint answers (pass); the summary says whether verify's request shows in it. */
export function judgeLogs(sections: ReadonlyMap<string, string>, pod: string, ip: string): Judged<VerifyFacts> {
  const log = parseAnswer(sections.get('log'));
  const request = statusLine(sections.get('request'));
  const requestLine = `HEAD http://${ip}:${WEB_PORT}/ from the controller: ${request ?? lines(sections.get('request'), 1)[0] ?? 'no answer'}`;
  if (log?.code !== 200)
    return {
      outcome: 'fail',
      summary: `the API gives no log for pod ${pod}`,
      evidence: [describeAnswer(`GET pods/${pod}/log`, log), requestLine],
      fix: KUBELET_PATH_FIX,
    };
  const logLines = log.body.split('\n').filter((l) => l.trim() !== '');
  const seen = logLines.filter((l) => l.includes(USER_AGENT));
  return {
    outcome: 'pass',
    summary:
      seen.length > 0
        ? `the log of ${pod} shows verify's request`
        : `the log of ${pod} reads (${logLines.length} lines), without verify's request (${request ? 'it answered' : 'it did not reach the pod'})`,
    evidence: [requestLine, ...(seen.length > 0 ? seen.slice(-1) : logLines.slice(-2))],
  };
}
