// KTHW smoke test 3: kubectl port-forward to the pod, then an HTTP HEAD through the tunnel.

import { sh, defineSmokeTest, isSkip, sectionMarker, type Judged } from 'orchestrate';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { KUBELET_PATH_FIX, kubectlWords, lines, statusLine } from '../kubectl.ts';
import { WEB_PORT } from '../objects.ts';

export const portForwardTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'port-forward',
  title: 'kubectl port-forward reaches the pod',
  needs: ['deployment'],
  timeoutSeconds: () => 60,
  script: (ctx, facts) => {
    const k = kubectlWords(ctx, facts, 'port-forward');
    if (isSkip(k)) return k;
    return [
      'f=$(mktemp)',
      // Local port 0 (":80"): kubectl picks a free one and prints it.
      sh`${k} port-forward ${`pod/${facts.pod!.name}`} ${`:${WEB_PORT}`} >"$f" 2>&1 &`,
      'pf=$!; port=; i=0',
      'while [ $i -lt 30 ]; do',
      `  port=$(sed -n 's/^Forwarding from 127\\.0\\.0\\.1:\\([0-9][0-9]*\\) .*/\\1/p' "$f" | head -n 1)`,
      '  [ -n "$port" ] && break; kill -0 $pf 2>/dev/null || break; sleep 0.5; i=$((i+1))',
      'done',
      `if [ -n "$port" ]; then ${sectionMarker('head')}; curl -sS -I --max-time 10 "http://127.0.0.1:$port/" 2>&1; echo "curl exit $?"; fi`,
      'kill $pf 2>/dev/null; wait $pf 2>/dev/null',
      sectionMarker('forward'),
      'cat "$f"; rm -f "$f"',
    ].join('\n');
  },
  judge: (sections) => judgePortForward(sections),
});

/** Pure: an HTTP answer through the tunnel passes. */
export function judgePortForward(sections: ReadonlyMap<string, string>): Judged<VerifyFacts> {
  const forward = lines(sections.get('forward'), 4);
  if (!sections.has('head'))
    return {
      outcome: 'fail',
      summary: 'kubectl port-forward did not start forwarding',
      evidence: forward,
      fix: `${KUBELET_PATH_FIX}; the node needs socat`,
    };
  const status = statusLine(sections.get('head'));
  if (status === undefined)
    return {
      outcome: 'fail',
      summary: 'the tunnel opened but no HTTP answer came through it',
      evidence: [...lines(sections.get('head'), 3), ...forward],
      fix: `${KUBELET_PATH_FIX}; the node needs socat`,
    };
  return { outcome: 'pass', summary: `HEAD / through the tunnel: ${status}`, evidence: forward.slice(0, 1) };
}
