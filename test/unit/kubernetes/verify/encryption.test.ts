import { expect } from 'chai';
import { isSkip } from '../../../../src/verify/index.ts';
import { encryptionTest, judgeEncryption } from '../../../../kubernetes/verify/tests/encryption.ts';
import { answer, FACTS, fixture, sections, testContext } from './helpers.ts';

const ctx = testContext();

// What the real apiserver stores without encryption: protobuf behind the k8s\0 magic, the value as raw bytes.

describe('kubernetes/verify encryption-at-rest', () => {
  it('the captured etcd section from the doubles lab (real etcd 3.4) passes', () => {
    const j = judgeEncryption(sections({ secret: answer(200, ''), etcd: fixture('etcd-aescbc.txt') }));
    expect(j.outcome).to.equal('pass');
    expect(j.summary).to.equal('the Secret is stored encrypted: aescbc with key key1, the plaintext is not in etcd');
  });
  it('without etcdctl on the controller the test is skipped with the reason', () => {
    const s = encryptionTest.script(ctx, { ...FACTS, etcdctl: false });
    expect(isSkip(s) && s.skip).to.equal(
      'etcdctl is not on controller-0, so the raw value cannot be read from etcd there',
    );
  });
  it('reads with the apiserver etcd client cert from every member of the model', () => {
    const s = encryptionTest.script(ctx, FACTS) as string;
    expect(s)
      .to.contain('--endpoints=https://10.240.0.10:2379')
      .and.contain('--cert=/var/lib/kubernetes/apiserver-etcd-client.pem')
      .and.contain('get /registry/secrets/orchestrate-verify/verify-secret --print-value-only');
  });
});
