// The API answers the admin client on the controller: /version (evidence of what it is) and Ready nodes;
// also which tools the later tests can use there (kubectl, etcdctl).

import { sh, defineSmokeTest, sectionMarker, type Judged } from 'orchestrate';
import { apiCall, describeAnswer, jsonOf, parseAnswer } from '../api.ts';
import type { VerifyContext, VerifyFacts } from '../context.ts';
import { isReleaseVersion, parseVersion } from '../version.ts';

export const apiTest = defineSmokeTest<VerifyContext, VerifyFacts>({
  id: 'api',
  title: 'the API answers the admin client on the first controller',
  timeoutSeconds: () => 60,
  script: (ctx) => {
    const files = [ctx.client.ca, ctx.client.cert, ctx.client.key, ctx.kubeconfig];
    return [
      sectionMarker('files'),
      ...files.map((f) => sh`if [ -r ${f} ]; then echo "have "${f}; else echo "missing "${f}; fi`),
      sectionMarker('tools'),
      'echo "kubectl $(command -v kubectl || echo none)"',
      'echo "etcdctl $(command -v etcdctl || echo none)"',
      apiCall(ctx.client, 'version', { path: '/version' }),
      apiCall(ctx.client, 'nodes', { path: '/api/v1/nodes' }),
    ].join('\n');
  },
  judge: (sections, ctx) => judgeApi(sections, ctx),
});

interface NodeList {
  items?: { metadata?: { name?: string }; status?: { conditions?: { type?: string; status?: string }[] } }[];
}

/** Pure: the verdict and the facts (gitVersion, tools) from the api test's sections. */
export function judgeApi(sections: ReadonlyMap<string, string>, ctx: VerifyContext): Judged<VerifyFacts> {
  const files = (sections.get('files') ?? '').split('\n');
  const missing = files.filter((l) => l.startsWith('missing ')).map((l) => l.slice(8));
  const tool = (name: string) => {
    const line = (sections.get('tools') ?? '').split('\n').find((l) => l.startsWith(`${name} `));
    const path = line?.slice(name.length + 1).trim();
    return path && path !== 'none' ? path : undefined;
  };
  const needed = [ctx.client.ca, ctx.client.cert, ctx.client.key].filter((f) => missing.includes(f));
  if (needed.length > 0)
    return {
      outcome: 'fail',
      summary: `the admin client's files are missing on ${ctx.host}: ${needed.join(', ')}`,
      fix: `orchestrate apply playbooks/cluster.ts --role kube-rbac (it places them on the controllers)`,
    };
  const version = parseAnswer(sections.get('version'));
  const info = version?.code === 200 ? parseVersion(version.body) : undefined;
  if (info === undefined)
    return {
      outcome: 'fail',
      summary: `the API at ${ctx.client.server} gives no /version on ${ctx.host}`,
      evidence: [describeAnswer('GET /version', version)],
      fix: `orchestrate doctor; on ${ctx.host}: systemctl status kube-apiserver`,
    };
  const nodesAnswer = parseAnswer(sections.get('nodes'));
  const nodes = nodesAnswer?.code === 200 ? jsonOf<NodeList>(nodesAnswer)?.items : undefined;
  const release = isReleaseVersion(info.gitVersion);
  const versionLine = `gitVersion ${info.gitVersion}${release ? '' : ' (not an upstream release version)'}, platform ${info.platform ?? '?'}, go ${info.goVersion ?? '?'}`;
  const facts = {
    gitVersion: info.gitVersion,
    release,
    kubectl: missing.includes(ctx.kubeconfig) ? undefined : tool('kubectl'),
    etcdctl: tool('etcdctl') !== undefined,
  };
  if (nodes === undefined)
    return {
      outcome: 'fail',
      summary: `the API refuses to list nodes to the admin client`,
      evidence: [versionLine, describeAnswer('GET /api/v1/nodes', nodesAnswer)],
      fix: `check the admin certificate (orchestrate pki status) and the apiserver's --client-ca-file`,
      facts,
    };
  const ready = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const names = (list: typeof nodes) => list.map((n) => n.metadata?.name ?? '?').join(', ') || 'none';
  const evidence = [versionLine, `nodes Ready: ${names(ready)}; registered: ${names(nodes)}`];
  if (ready.length === 0)
    return {
      outcome: 'fail',
      summary: nodes.length === 0 ? 'no node is registered: pods cannot run' : 'no node is Ready: pods cannot run',
      evidence,
      fix: 'on the workers: systemctl status kubelet; journalctl -u kubelet (orchestrate doctor checks their paths to the API)',
      facts,
    };
  return {
    outcome: 'pass',
    summary: `the API at ${ctx.client.server} answers as admin; ${ready.length} of ${nodes.length} nodes Ready`,
    evidence,
    facts,
  };
}
