import { expect } from 'chai';
import { isLoopbackNameserver } from '../../../../roles/kubelet/loopback.ts';
import { kubeletVars } from '../../../../roles/kubelet/vars.ts';

describe('roles/kubelet loopback nameservers and dns.upstream', () => {
  const table: [string, boolean][] = [
    ['127.0.0.53', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['fe80::1%eth0', false],
    ['10.0.2.3', false],
    ['128.0.0.1', false],
    ['2001:4860:4860::8888', false],
    ['not-an-ip', false],
  ];
  for (const [ip, loop] of table)
    it(`GIVEN ${ip} THEN loopback = ${loop}`, () => expect(isLoopbackNameserver(ip)).to.equal(loop));

  it('GIVEN no dns var THEN upstream is undefined and the kubelet defaults apply', () => {
    const v = kubeletVars.parse({ ansible_host: '10.240.0.20' });
    expect(v.dns.upstream).to.equal(undefined);
    expect(v.kubelet.runtime_request_timeout).to.equal('15m');
  });

  const bad: [unknown, string][] = [
    [{ upstream: ['127.0.0.1'] }, 'loopback'],
    [{ upstream: ['dns.example'] }, 'IP address'],
    [{ upstream: [] }, '>=1'],
    [{ upstream: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '8.8.4.4'] }, '<=3'],
    [{ upstreams: ['1.1.1.1'] }, 'upstreams'],
  ];
  for (const [dns, words] of bad)
    it(`GIVEN dns ${JSON.stringify(dns)} THEN the vars are refused (${words})`, () => {
      const r = kubeletVars.safeParse({ dns });
      expect(r.success).to.equal(false);
      expect(JSON.stringify(r.error?.issues)).to.contain(words);
    });
});
