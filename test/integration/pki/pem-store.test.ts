import { expect } from 'chai';
import { generatePrivateKey } from '../../../src/pki/index.ts';
import { mask } from '../../../src/secret.ts';

describe('pki/pem-store (a generated key)', function () {
  this.timeout(20_000);

  it('generated keys are masked everywhere', async () => {
    const pem = await generatePrivateKey(2048);
    const body = pem.split('\n')[5]!;
    expect(mask(`x ${pem} y`)).to.not.include('PRIVATE KEY-----\nMII');
    expect(mask(`dump: ${body}`)).to.not.include(body);
  });
});
