// KTHW smoke test 5: kubectl exec in the pod (reads the pod's hostname, which is its name: any image has cat).

import { sh, defineSmokeTest, isSkip, sectionMarker, type Judged } from 'orchestrate';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { KUBELET_PATH_FIX, kubectlWords, lines } from '../kubectl.ts';

export const execTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'exec',
  title: 'kubectl exec runs a command in the pod',
  needs: ['deployment'],
  timeoutSeconds: () => 60,
  script: (ctx, facts) => {
    const k = kubectlWords(ctx, facts, 'exec');
    if (isSkip(k)) return k;
    return [
      sectionMarker('exec'),
      sh`${k} exec ${facts.pod!.name} -- cat /proc/sys/kernel/hostname 2>&1; echo "exit $?"`,
    ].join('\n');
  },
  judge: (sections, _ctx, facts) => judgeExec(sections, facts.pod?.name ?? ''),
});

/** Pure: the command printed the pod's name. */
export function judgeExec(sections: ReadonlyMap<string, string>, pod: string): Judged<VerifyFacts> {
  const out = lines(sections.get('exec'));
  if (out[0]?.trim() === pod && out.includes('exit 0'))
    return {
      outcome: 'pass',
      summary: `cat /proc/sys/kernel/hostname in ${pod} printed ${pod}`,
      evidence: out.slice(0, 1),
    };
  return {
    outcome: 'fail',
    summary: `kubectl exec into ${pod} did not print its name`,
    evidence: out,
    fix: KUBELET_PATH_FIX,
  };
}
