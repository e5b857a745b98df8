import { expect } from 'chai';
import { APPLIED_HASH, kubeApply } from '../../../../kubernetes/api/index.ts';
import { probeLocal, startFakeApi, shLocal, type FakeApi } from './fake-api.ts';

const CHECK = { facts: undefined, diff: false };

describe('kubernetes/api apply module', () => {
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
