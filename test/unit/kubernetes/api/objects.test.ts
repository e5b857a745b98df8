import { expect } from 'chai';
import { isOrchestrateError } from '../../../../src/errors.ts';
import { renderKubeconfig } from '../../../../kubernetes/pki/index.ts';
import type { KubeObject } from '../../../../kubernetes/api/index.ts';
import {
  APPLIED_HASH,
  canonicalJson,
  clientPemsOf,
  objectRef,
  withAppliedHash,
} from '../../../../kubernetes/api/index.ts';

describe('kubernetes/api objects, applied hash, admin client', () => {
  const refs: [object, string, string][] = [
    [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
      '/api/v1/namespaces/kube-system/serviceaccounts/coredns',
      'ServiceAccount kube-system/coredns',
    ],
    [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system' } },
      '/api/v1/namespaces/kube-system/services/kube-dns',
      'Service kube-system/kube-dns',
    ],
    [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' } },
      '/apis/apps/v1/namespaces/kube-system/deployments/coredns',
      'Deployment kube-system/coredns',
    ],
    [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:coredns' } },
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/system:coredns',
      'ClusterRole system:coredns',
    ],
    [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'system:kube-apiserver' },
      },
      '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/system:kube-apiserver',
      'ClusterRoleBinding system:kube-apiserver',
    ],
  ];
  for (const [obj, path, label] of refs)
    it(`GIVEN ${label} THEN its path is ${path}`, () => expect(objectRef(obj)).to.deep.equal({ path, label }));

  const bad: [object, RegExp][] = [
    [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'y' } }, /unknown kind Pod/],
    [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } },
      /namespaced but has no valid metadata.namespace/,
    ],
    [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x', namespace: 'y' } },
      /cluster-scoped/,
    ],
    [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad Name', namespace: 'y' } },
      /not a valid object name/,
    ],
  ];
  for (const [obj, re] of bad)
    it(`GIVEN ${JSON.stringify(obj)} THEN PLAYBOOK_INVALID ${re}`, () =>
      expect(() => objectRef(obj))
        .to.throw(re)
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID')));

  it('GIVEN the same object with keys in another order THEN the same canonical JSON and hash', () => {
    const a = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { namespace: 'n', name: 'x' },
      data: { b: '2', a: '1' },
    };
    const b = {
      apiVersion: 'v1',
      data: { a: '1', b: '2' },
      metadata: { name: 'x', namespace: 'n' },
      kind: 'ConfigMap',
    };
    expect(canonicalJson(a)).to.equal(canonicalJson(b));
    expect(withAppliedHash(a).hash)
      .to.equal(withAppliedHash(b).hash)
      .and.match(/^[0-9a-f]{64}$/);
  });

  it('GIVEN a change anywhere THEN another hash; the annotation itself and undefined fields do not count', () => {
    const base: KubeObject & { data: Record<string, string> } = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'n' },
      data: { a: '1' },
    };
    const { object, hash } = withAppliedHash(base);
    expect(object.metadata?.annotations).to.deep.equal({ [APPLIED_HASH]: hash });
    expect(withAppliedHash(object).hash).to.equal(hash);
    expect(withAppliedHash({ ...base, extra: undefined }).hash).to.equal(hash);
    expect(withAppliedHash({ ...base, data: { a: '2' } }).hash).to.not.equal(hash);
    const annotated = withAppliedHash({ ...base, metadata: { ...base.metadata, annotations: { keep: 'me' } } });
    expect(annotated.hash).to.not.equal(hash);
    expect(annotated.object.metadata?.annotations).to.deep.equal({ keep: 'me', [APPLIED_HASH]: annotated.hash });
  });

  it('GIVEN a kubeconfig WHEN its client PEMs are taken THEN they are the embedded cert and key', () => {
    const kc = renderKubeconfig({
      clusterName: 'c',
      server: 'https://127.0.0.1:6443',
      user: 'admin',
      caPem: 'CA\n',
      certPem: 'CERT PEM\n',
      keyPem: 'KEY PEM\n',
    });
    expect(clientPemsOf(kc.reveal())).to.deep.equal({ certPem: 'CERT PEM\n', keyPem: 'KEY PEM\n' });
    expect(() => clientPemsOf('apiVersion: v1\nusers: []\n')).to.throw(/no client certificate/);
  });
});
