import { expect } from 'chai';
import { parseResolvConf } from '../../../src/facts/parse-resolv-conf.ts';
import { section, type FixtureName } from './fixtures.ts';
import type { SectionName } from '../../../src/facts/sections.ts';

describe('facts/parse-resolv-conf', () => {
  const fixtures: [FixtureName, SectionName, { nameservers: string[]; search: string[] }][] = [
    ['vm', 'resolv-conf', { nameservers: ['10.255.255.53'], search: [] }],
    ['chroot', 'resolv-conf', { nameservers: ['10.255.255.53'], search: [] }],
    ['ubuntu2004', 'resolv-conf', { nameservers: ['127.0.0.53'], search: ['kthw.internal'] }],
    ['ubuntu2004', 'resolved-upstream', { nameservers: ['10.0.2.3'], search: ['kthw.internal'] }],
    ['ubuntu2204', 'resolv-conf', { nameservers: ['127.0.0.53'], search: ['eu-west-1.compute.internal'] }],
    ['ubuntu2204', 'resolved-upstream', { nameservers: ['10.240.0.2'], search: ['eu-west-1.compute.internal'] }],
    ['debian12Plain', 'resolv-conf', { nameservers: ['192.168.122.1'], search: ['kthw.internal'] }],
    ['debian12Plain', 'resolved-upstream', { nameservers: [], search: [] }],
  ];
  for (const [name, sec, want] of fixtures) {
    it(`${name} ${sec}: nameservers and search`, () => {
      // GIVEN a resolv.conf section  WHEN parsed  THEN its nameservers and search list
      expect(parseResolvConf(section(name, sec))).to.deep.equal(want);
    });
  }

  const cases: [string, string, { nameservers: string[]; search: string[] }][] = [
    [
      'comments with # and ;',
      '# nameserver 1.1.1.1\n; nameserver 2.2.2.2\nnameserver 9.9.9.9 # trailing',
      { nameservers: ['9.9.9.9'], search: [] },
    ],
    ['the last search/domain line wins', 'search a b\ndomain c\nsearch d e', { nameservers: [], search: ['d', 'e'] }],
    [
      'order kept, ipv6 kept',
      'nameserver 10.0.0.2\nnameserver fe80::1%eth0\n',
      { nameservers: ['10.0.0.2', 'fe80::1%eth0'], search: [] },
    ],
    ['tabs and a bare keyword', 'nameserver\t10.0.0.3\nnameserver\n', { nameservers: ['10.0.0.3'], search: [] }],
  ];
  for (const [title, text, want] of cases) it(title, () => expect(parseResolvConf(text)).to.deep.equal(want));
});
