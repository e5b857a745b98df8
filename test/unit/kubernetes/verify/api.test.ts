import { expect } from 'chai';
import { describeAnswer, parseAnswer } from '../../../../kubernetes/verify/api.ts';
import { judgeApi } from '../../../../kubernetes/verify/tests/api.ts';
import { answer, fixture, sections, testContext } from './helpers.ts';

const ctx = testContext();
const files = (missing: string[] = []) =>
  [ctx.client.ca, ctx.client.cert, ctx.client.key, ctx.kubeconfig]
    .map((f) => `${missing.includes(f) ? 'missing' : 'have'} ${f}`)
    .join('\n');
const node = (name: string, ready: string) => ({
  metadata: { name },
  status: { conditions: [{ type: 'Ready', status: ready }] },
});
const nodes = (...items: object[]) => answer(200, JSON.stringify({ kind: 'NodeList', items }));

describe('kubernetes/verify api: the API answers the admin client', () => {
  it('GIVEN the real 1.32.3 /version and two Ready nodes THEN pass, with the tools for later tests', () => {
    const j = judgeApi(
      sections({
        files: files(),
        tools: 'kubectl /usr/local/bin/kubectl\netcdctl /usr/local/bin/etcdctl',
        version: answer(200, fixture('version-1.32.3.json')),
        nodes: nodes(node('worker-0', 'True'), node('worker-1', 'True')),
      }),
      ctx,
    );
    expect(j.outcome).to.equal('pass');
    expect(j.summary).to.equal('the API at https://127.0.0.1:6443 answers as admin; 2 of 2 nodes Ready');
    expect(j.evidence![0]).to.equal('gitVersion v1.32.3, platform linux/arm64, go go1.23.6');
    expect(j.facts).to.deep.equal({
      gitVersion: 'v1.32.3',
      release: true,
      kubectl: '/usr/local/bin/kubectl',
      etcdctl: true,
    });
  });
  it("GIVEN the double's /version THEN still pass (the API answers), but the evidence and facts say: not a release", () => {
    const j = judgeApi(
      sections({
        files: files([ctx.kubeconfig]),
        tools: 'kubectl /usr/local/bin/kubectl\netcdctl /usr/bin/etcdctl',
        version: answer(200, fixture('version-double.json')),
        nodes: nodes(node('worker-0', 'True')),
      }),
      ctx,
    );
    expect(j.outcome).to.equal('pass');
    expect(j.evidence![0]).to.contain('gitVersion v1.32.3-orchestrate-test-double (not an upstream release version)');
    // kubectl without the admin kubeconfig is of no use.
    expect(j.facts).to.include({ release: false, kubectl: undefined, etcdctl: true });
  });
  it('GIVEN missing admin client files THEN fail naming them and the role that places them', () => {
    const j = judgeApi(sections({ files: files([ctx.client.key]), tools: 'kubectl none\netcdctl none' }), ctx);
    expect(j.outcome).to.equal('fail');
    expect(j.summary).to.contain('/var/lib/kubernetes/admin-key.pem');
    expect(j.fix).to.contain('--role kube-rbac');
  });
  it("GIVEN no apiserver THEN fail with curl's error", () => {
    const j = judgeApi(
      sections({
        files: files(),
        tools: '',
        version: answer(
          0,
          "curl: (7) Failed to connect to 127.0.0.1 port 6443 after 0 ms: Couldn't connect to server",
          7,
        ),
      }),
      ctx,
    );
    expect(j.outcome).to.equal('fail');
    expect(j.evidence).to.deep.equal([
      "GET /version: no HTTP answer (curl exit 7): curl: (7) Failed to connect to 127.0.0.1 port 6443 after 0 ms: Couldn't connect to server",
    ]);
  });
  it('GIVEN nodes registered but none Ready THEN fail before any pod is made', () => {
    const j = judgeApi(
      sections({
        files: files(),
        tools: '',
        version: answer(200, fixture('version-1.32.3.json')),
        nodes: nodes(node('worker-0', 'False')),
      }),
      ctx,
    );
    expect(j.outcome).to.equal('fail');
    expect(j.summary).to.equal('no node is Ready: pods cannot run');
    expect(j.evidence![1]).to.equal('nodes Ready: none; registered: worker-0');
  });
  it('describeAnswer quotes the API Status message', () => {
    const a = parseAnswer(
      answer(
        403,
        '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"nodes is forbidden: User \\"x\\" cannot list resource \\"nodes\\"","reason":"Forbidden","code":403}',
      ),
    );
    expect(describeAnswer('GET /api/v1/nodes', a)).to.equal(
      'GET /api/v1/nodes: HTTP 403: nodes is forbidden: User "x" cannot list resource "nodes"',
    );
    expect(parseAnswer('no status line')).to.equal(undefined);
  });
});
