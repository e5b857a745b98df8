import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { apiCall, parseAnswer } from '../../../../kubernetes/verify/api.ts';
import { splitSections } from '../../../../src/verify/index.ts';
import { testContext } from '../../../unit/kubernetes/verify/helpers.ts';

const ctx = testContext();

describe('kubernetes/verify api: the API answers the admin client', () => {
  it('apiCall prints body and status as a section (run with a curl stand-in on PATH)', () => {
    const bin = `${process.cwd()}/test/integration/kubernetes/verify/bin`;
    const out = execFileSync('sh', ['-s'], {
      input: apiCall(ctx.client, 'version', { path: '/version' }),
      env: { ...process.env, PATH: `${bin}:${process.env['PATH']}` },
    }).toString();
    const a = parseAnswer(splitSections(out).get('version'));
    expect(a?.code).to.equal(200);
    expect(JSON.parse(a!.body)).to.deep.include({ url: 'https://127.0.0.1:6443/version' });
  });
});
