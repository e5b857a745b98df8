// kubectl on the controller, for what curl cannot do (exec and port-forward stream over SPDY/WebSocket).

import type { Skip } from 'orchestrate';
import type { VerifyContext, VerifyFacts } from './context.ts';
import { NAMESPACE } from './objects.ts';

/** The kubectl words (admin kubeconfig, verify's namespace), or why the test is skipped. */
export function kubectlWords(ctx: VerifyContext, facts: Partial<VerifyFacts>, what: string): string[] | Skip {
  if (facts.kubectl === undefined)
    return {
      skip: `kubectl (with ${ctx.kubeconfig}) is not on ${ctx.host}: ${what} streams over SPDY/WebSocket, which curl cannot speak`,
      fix: `put kubectl ${ctx.model.versions.kubernetes} in /usr/local/bin on ${ctx.host} (docs/artifacts.md names its URL and checksum)`,
    };
  return [facts.kubectl, '--kubeconfig', ctx.kubeconfig, '-n', NAMESPACE];
}

/** The first HTTP status line of curl -I output, e.g. "HTTP/1.1 200 OK". */
export function statusLine(text: string | undefined): string | undefined {
  return (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^HTTP\/\S+ \d{3}/.test(l));
}

/** Non-empty lines, at most n, for evidence. */
export const lines = (text: string | undefined, n = 8): string[] =>
  (text ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, n);

/** The fix when the apiserver cannot stream from a kubelet (logs, exec, port-forward all go apiserver -> kubelet :10250). */
export const KUBELET_PATH_FIX =
  'these go apiserver -> kubelet :10250: orchestrate doctor checks that path; ' +
  'orchestrate apply playbooks/cluster.ts --role kube-rbac restores the apiserver-to-kubelet RBAC';
