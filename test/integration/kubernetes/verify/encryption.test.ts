import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSkip, splitSections } from '../../../../src/verify/index.ts';
import { encryptionTest, judgeEncryption } from '../../../../kubernetes/verify/tests/encryption.ts';
import { FACTS, PLAINTEXT, testContext } from '../../../unit/kubernetes/verify/helpers.ts';

const ctx = testContext();
const BIN = join(process.cwd(), 'test/integration/kubernetes/verify/bin');

/** Runs the test's real script with curl and etcdctl stand-ins on PATH; etcdctl "reads" value. */
function runScript(value: Buffer | undefined, err?: string): Map<string, string> {
  const script = encryptionTest.script(ctx, FACTS);
  if (isSkip(script)) throw new Error('skipped');
  const dir = mkdtempSync(join(tmpdir(), 'orch-verify-enc-'));
  const file = join(dir, 'value');
  if (value) writeFileSync(file, value);
  const out = execFileSync('sh', ['-s'], {
    input: script,
    env: {
      ...process.env,
      PATH: `${BIN}:${process.env['PATH']}`,
      STUB_ETCD_VALUE: value ? file : '',
      STUB_ETCD_ERR: err ?? '',
    },
  });
  return splitSections(out.toString('latin1'));
}

const aescbc = (key = 'key1') =>
  Buffer.concat([Buffer.from(`k8s:enc:aescbc:v1:${key}:`), randomBytes(16), randomBytes(96)]);
// What the real apiserver stores without encryption: protobuf behind the k8s\0 magic, the value as raw bytes.
const protobuf = () =>
  Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0c]),
    Buffer.from('\n\x02v1\x12\x06Secret'),
    Buffer.from(PLAINTEXT),
  ]);

describe('kubernetes/verify encryption-at-rest', () => {
  it('GIVEN aescbc bytes in etcd THEN the script compares bytes (no hexdump) and the judge passes', () => {
    const s = runScript(aescbc());
    const j = judgeEncryption(s);
    expect(j.outcome, JSON.stringify([...s])).to.equal('pass');
    expect(j.evidence![0]).to.match(
      /^etcdctl get \/registry\/secrets\/orchestrate-verify\/verify-secret: 136 bytes, starting k8s:enc:aescbc:v1:key1:$/,
    );
    expect(j.evidence![1]).to.equal("the Secret's value is not in them (as written or base64)");
  });

  it('GIVEN the plaintext protobuf THEN fail: stored in plaintext', () => {
    const j = judgeEncryption(runScript(protobuf()));
    expect(j.outcome).to.equal('fail');
    expect(j.summary).to.equal('the Secret is stored in plaintext in etcd');
    expect(j.evidence![1]).to.equal("the Secret's value IS in them (as written or base64)");
  });

  it('GIVEN the aescbc prefix followed by the plaintext THEN fail (the prefix alone proves nothing)', () => {
    const j = judgeEncryption(
      runScript(Buffer.concat([Buffer.from('k8s:enc:aescbc:v1:key1:'), Buffer.from(PLAINTEXT)])),
    );
    expect(j.outcome).to.equal('fail');
  });

  it('GIVEN another provider THEN pass, saying KTHW uses aescbc', () => {
    const j = judgeEncryption(runScript(Buffer.concat([Buffer.from('k8s:enc:secretbox:v1:k2:'), randomBytes(64)])));
    expect(j.outcome).to.equal('pass');
    expect(j.summary).to.contain('secretbox with key k2 (KTHW uses aescbc)');
  });

  it('GIVEN no such key in etcd THEN fail: the apiserver writes elsewhere', () => {
    const j = judgeEncryption(runScript(undefined));
    expect(j.outcome).to.equal('fail');
    expect(j.summary).to.contain('is not in etcd although the API accepted the Secret');
  });

  it('GIVEN etcdctl failing THEN fail with its stderr', () => {
    const j = judgeEncryption(runScript(undefined, 'Error: context deadline exceeded'));
    expect(j.outcome).to.equal('fail');
    expect(j.evidence).to.deep.equal(['Error: context deadline exceeded']);
  });
});
