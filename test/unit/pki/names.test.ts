import { expect } from 'chai';
import { escapeDnValue, formatSubject, normalizeIp, specSans, splitHosts } from '../../../src/pki/names.ts';

describe('pki/names', () => {
  it('formats a subject CN first, O values sorted, then OU, L, ST, C', () => {
    expect(
      formatSubject({
        commonName: 'admin',
        organizations: ['b', 'a'],
        organizationalUnit: 'u',
        locality: 'l',
        state: 's',
        country: 'US',
      }),
    ).to.equal('CN=admin, O=a, O=b, OU=u, L=l, ST=s, C=US');
  });

  it('escapes RFC 4514 specials', () => {
    expect(escapeDnValue('a,b+c')).to.equal('a\\,b\\+c');
    expect(escapeDnValue('#x ')).to.equal('\\#x\\ ');
  });

  const ips: [string, string | undefined][] = [
    ['10.0.0.1', '10.0.0.1'],
    ['FD00::0:1', 'fd00::1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
    ['worker-0', undefined],
    ['10.0.0', undefined],
  ];
  for (const [input, want] of ips)
    it(`normalizeIp(${input}) = ${want}`, () => expect(normalizeIp(input)).to.equal(want));

  it('specSans sorts, lower-cases names and dedups', () => {
    expect(specSans({ dnsNames: ['B', 'a', 'b'], ipAddresses: ['10.0.0.2', '10.0.0.1'] })).to.deep.equal([
      'DNS:a',
      'DNS:b',
      'IP:10.0.0.1',
      'IP:10.0.0.2',
    ]);
  });

  it('splitHosts puts addresses in IPs and names in DNS, keeping first-seen order', () => {
    expect(splitHosts(['kubernetes', '10.32.0.1', 'api.example', '10.32.0.1'])).to.deep.equal({
      dnsNames: ['kubernetes', 'api.example'],
      ipAddresses: ['10.32.0.1'],
    });
  });
});
