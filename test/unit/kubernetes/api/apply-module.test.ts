import { expect } from 'chai';
import { isOrchestrateError } from '../../../../src/errors.ts';
import type { KubeApplyState } from '../../../../kubernetes/api/index.ts';
import { APPLIED_HASH, kubeApply } from '../../../../kubernetes/api/index.ts';
import { probeLocal, startFakeApi, shLocal, type FakeApi } from './fake-api.ts';

const CHECK = { facts: undefined, diff: false };
const role = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'system:x' },
  rules: [],
};
const b64 = (s: string) => Buffer.from(s).toString('base64');
const probeOut = (curl: number, http: string, body: string) => `curl=${curl}\nhttp=${http}\nbody=${b64(body)}\n`;

describe('kubernetes/api apply module', () => {
  const a = kubeApply(role);
  const live = (hash: string | undefined) =>
    JSON.stringify({
      ...role,
      metadata: { name: 'system:x', ...(hash ? { annotations: { [APPLIED_HASH]: hash } } : {}) },
    });

  const table: { given: string; out: string; state: KubeApplyState; steps: string[] }[] = [
    {
      given: 'the object with our hash',
      out: probeOut(0, '200', live(a.params.hash)),
      state: { kind: 'present', hash: a.params.hash },
      steps: [],
    },
    {
      given: 'the object with another hash',
      out: probeOut(0, '200', live('0ld')),
      state: { kind: 'present', hash: '0ld' },
      steps: ['server-side apply ClusterRole system:x (changed)'],
    },
    {
      given: 'the object without our annotation',
      out: probeOut(0, '200', live(undefined)),
      state: { kind: 'present', hash: undefined },
      steps: ['server-side apply ClusterRole system:x (not applied by orchestrate)'],
    },
    {
      given: 'no such object',
      out: probeOut(0, '404', '{"kind":"Status","code":404}'),
      state: { kind: 'absent' },
      steps: ['server-side apply ClusterRole system:x (not found)'],
    },
    {
      given: 'no apiserver yet',
      out: probeOut(7, '000', 'curl: (7) Failed to connect to 127.0.0.1 port 6443: Connection refused\n'),
      state: {
        kind: 'unknown',
        reason: 'curl exit 7: curl: (7) Failed to connect to 127.0.0.1 port 6443: Connection refused',
      },
      steps: [
        'server-side apply ClusterRole system:x (state unknown: curl exit 7: curl: (7) Failed to connect to 127.0.0.1 port 6443: Connection refused)',
      ],
    },
    {
      given: 'a Forbidden Status',
      out: probeOut(0, '403', '{"kind":"Status","message":"clusterroles is forbidden: User \\"x\\" cannot get"}'),
      state: { kind: 'unknown', reason: 'HTTP 403: clusterroles is forbidden: User "x" cannot get' },
      steps: [
        'server-side apply ClusterRole system:x (state unknown: HTTP 403: clusterroles is forbidden: User "x" cannot get)',
      ],
    },
  ];
  for (const c of table)
    it(`GIVEN ${c.given} WHEN parsed and planned THEN ${c.steps.length === 0 ? 'no change' : 'one apply step'}`, () => {
      const state = a.module.parse(c.out, a.params);
      expect(state).to.deep.equal(c.state);
      expect(a.module.plan(a.params, state, CHECK).map((s) => s.summary)).to.deep.equal(c.steps);
    });

  it('GIVEN HTTP 200 with a body that is not JSON WHEN parsed THEN PROBE_INVALID', () => {
    expect(() => a.module.parse(probeOut(0, '200', '<html>'), a.params))
      .to.throw()
      .that.satisfies((e: unknown) => isOrchestrateError(e, 'PROBE_INVALID'));
  });

  describe('live, with curl against a local mTLS API', function () {
    this.timeout(30_000);
    let api: FakeApi;
    before(async () => (api = await startFakeApi()));
    after(async () => api.close());
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: ".:53 {\n    forward . /etc/resolv.conf\n}\n# it's 'quoted'\n" },
    };
    const path = '/api/v1/namespaces/kube-system/configmaps/coredns';

    it('GIVEN no object WHEN probed, applied and probed again THEN one PATCH as field manager orchestrate, then no change', async () => {
      const act = kubeApply(cm, api.client);
      const [first] = await probeLocal([act.module.probe(act.params, CHECK)]);
      const steps = act.module.plan(act.params, act.module.parse(first!, act.params), CHECK);
      expect(steps.map((s) => s.summary)).to.deep.equal([
        'server-side apply ConfigMap kube-system/coredns (not found)',
      ]);
      const applied = await shLocal(`set -e\n${(steps[0] as { script: string }).script}`);
      expect(applied.code, applied.stderr).to.equal(0);
      const patch = api.seen.find((s) => s.method === 'PATCH')!;
      expect(patch.url).to.equal(`${path}?fieldManager=orchestrate&force=true`);
      expect(patch.contentType).to.equal('application/apply-patch+yaml');
      expect(patch.user).to.equal('admin');
      const sent = JSON.parse(patch.body) as typeof cm & { metadata: { annotations: Record<string, string> } };
      expect(sent.data).to.deep.equal(cm.data);
      expect(sent.metadata.annotations[APPLIED_HASH]).to.equal(act.params.hash);
      const [again] = await probeLocal([act.module.probe(act.params, CHECK)]);
      expect(act.module.plan(act.params, act.module.parse(again!, act.params), CHECK)).to.deep.equal([]);
    });

    it('GIVEN three objects probed in one script THEN one curl, one TLS connection, and each object its own state', async () => {
      const acts = ['a', 'b', 'c'].map((n) =>
        kubeApply({ ...cm, metadata: { name: n, namespace: 'kube-system' } }, api.client),
      );
      api.objects.set('/api/v1/namespaces/kube-system/configmaps/b', { ...cm, metadata: { name: 'b' } });
      const before = api.connections();
      const gets = api.seen.length;
      const outs = await probeLocal(acts.map((a) => a.module.probe(a.params, CHECK)));
      expect(api.connections() - before).to.equal(1);
      expect(api.seen.slice(gets).map((s) => s.url)).to.deep.equal(
        ['a', 'b', 'c'].map((n) => `/api/v1/namespaces/kube-system/configmaps/${n}`),
      );
      expect(outs.map((o, i) => acts[i]!.module.parse(o, acts[i]!.params))).to.deep.equal([
        { kind: 'absent' },
        { kind: 'present', hash: undefined },
        { kind: 'absent' },
      ]);
    });

    it("GIVEN an API that does not answer WHEN probed THEN the state is unknown with curl's exit and message", async () => {
      const act = kubeApply(cm, { ...api.client, server: 'https://127.0.0.1:1' });
      const [out] = await probeLocal([act.module.probe(act.params, CHECK)]);
      const state = act.module.parse(out!, act.params);
      expect(state.kind).to.equal('unknown');
      expect((state as { reason: string }).reason).to.match(/^curl exit 7: .*(connect|refused)/i);
    });

    it('GIVEN the API refuses the apply WHEN the step runs THEN it fails with the Status and the object named', async () => {
      const act = kubeApply({ ...cm, metadata: { name: 'other', namespace: 'kube-system' } }, api.client);
      const script = (act.module.plan(act.params, { kind: 'absent' }, CHECK)[0] as { script: string }).script;
      const r = await shLocal(`set -e\n${script.replace('application/apply-patch+yaml', 'text/plain')}`);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('server-side apply of ConfigMap kube-system/other failed: curl exit 0, HTTP 415');
    });
  });
});
