import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { inputsPath, renderInputs } from '../../../../kubernetes/control-plane/inputs.ts';
import { secret } from '../../../../src/secret.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('control-plane inputs record', () => {
  it('GIVEN files, a secret and a binary WHEN recorded THEN sha256sum lines sorted by path, the key only as a hash', () => {
    const text = renderInputs([
      { path: '/var/lib/kubernetes/z.pem', content: 'cert' },
      { path: '/usr/local/bin/kube-apiserver', sha256: 'ab'.repeat(32) },
      { path: '/var/lib/kubernetes/a-key.pem', content: secret('PRIVATE KEY') },
    ]);
    expect(text).to.equal(
      `${'ab'.repeat(32)}  /usr/local/bin/kube-apiserver\n` +
        `${sha('PRIVATE KEY')}  /var/lib/kubernetes/a-key.pem\n` +
        `${sha('cert')}  /var/lib/kubernetes/z.pem\n`,
    );
    expect(text).to.not.contain('PRIVATE KEY');
  });

  it('GIVEN one input changed WHEN recorded again THEN the record differs (and so the service restarts)', () => {
    const a = renderInputs([{ path: '/x', content: '1' }]);
    expect(renderInputs([{ path: '/x', content: '2' }])).to.not.equal(a);
    expect(renderInputs([{ path: '/x', content: '1' }])).to.equal(a);
  });

  it('GIVEN a service WHEN its record path is asked THEN it is under /var/lib/orchestrate/inputs', () => {
    expect(inputsPath('kube-scheduler')).to.equal('/var/lib/orchestrate/inputs/kube-scheduler.sha256');
  });
});
