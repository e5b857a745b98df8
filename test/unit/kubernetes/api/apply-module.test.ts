import { expect } from 'chai';
import { isOrchestrateError } from '../../../../src/errors.ts';
import type { KubeApplyState } from '../../../../kubernetes/api/index.ts';
import { APPLIED_HASH, kubeApply } from '../../../../kubernetes/api/index.ts';

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
});
