import { expect } from 'chai';
import { rolloutCheck } from '../../../../kubernetes/api/index.ts';
import { startFakeApi, shLocal, type FakeApi } from './fake-api.ts';

const PATH = '/apis/apps/v1/namespaces/kube-system/deployments/coredns';

/** A Deployment as a real apiserver serializes it (compact, managedFields with f:replicas, status last). */
function deployment(generation: number, status: Record<string, number> | undefined): object {
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: {
      name: 'coredns',
      namespace: 'kube-system',
      generation,
      managedFields: [{ manager: 'orchestrate', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
    },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'coredns' }] } } },
    ...(status ? { status: { ...status, conditions: [{ type: 'Available', status: 'True' }] } } : {}),
  };
}

describe('kubernetes/api rollout check (local sh + curl against a local mTLS API)', function () {
  this.timeout(30_000);
  let api: FakeApi;
  before(async () => (api = await startFakeApi()));
  after(async () => api.close());

  const table: [string, object | undefined, number, string][] = [
    [
      'rolled out',
      deployment(3, { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }),
      0,
      'ready 2, available 2 of 2',
    ],
    ['no status yet (no controller manager)', deployment(1, undefined), 1, 'observed none'],
    [
      'one pod not ready',
      deployment(1, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 }),
      1,
      'ready 1',
    ],
    [
      'an old pod still there',
      deployment(2, { observedGeneration: 2, replicas: 3, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 }),
      1,
      'replicas 3',
    ],
    [
      'a new generation not yet observed',
      deployment(4, { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }),
      1,
      'generation 4 observed 3',
    ],
    ['no Deployment', undefined, 1, 'HTTP 404'],
  ];
  for (const [given, obj, code, words] of table)
    it(`GIVEN ${given} THEN exit ${code}`, async () => {
      api.objects.clear();
      if (obj) api.objects.set(PATH, obj);
      const r = await shLocal(rolloutCheck(api.client, 'kube-system', 'coredns', 2));
      expect(r.code, r.stdout + r.stderr).to.equal(code);
      expect(r.stdout).to.contain('deployment kube-system/coredns').and.contain(words);
    });

  it('GIVEN pretty-printed JSON THEN it reads the same numbers', async () => {
    const obj = deployment(1, {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    api.objects.clear();
    api.objects.set(PATH, JSON.stringify(obj, null, 2));
    const r = await shLocal(rolloutCheck(api.client, 'kube-system', 'coredns', 2));
    expect(r.code, r.stdout).to.equal(0);
  });
});
