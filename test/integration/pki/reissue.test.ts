import { expect } from 'chai';
import { issueSigned, needsReissue, signedBy, daysLeft } from '../../../src/pki/index.ts';
import type { CertSpec } from '../../../src/pki/index.ts';
import { LEAF_SPEC, NOW, key, otherTestCa, testCa } from './fixtures.ts';

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

describe('pki/needsReissue', function () {
  this.timeout(60_000);
  let existing: string;
  before(() => {
    existing = issueSigned(LEAF_SPEC, key(2), testCa(), NOW);
  });

  it('GIVEN the same spec, CA, key and plenty of time THEN nothing', () => {
    expect(needsReissue(LEAF_SPEC, existing, testCa().certPem, NOW, 30, key(2))).to.equal(undefined);
  });

  it('GIVEN SANs in another order or spelling THEN nothing (SANs are a set)', () => {
    const spec: CertSpec = {
      ...LEAF_SPEC,
      dnsNames: ['WORKER-0'],
      ipAddresses: ['127.0.0.1', '10.240.0.20', '10.240.0.20'],
    };
    expect(needsReissue(spec, existing, testCa().certPem, NOW, 30, key(2))).to.equal(undefined);
  });

  const table: {
    when: string;
    spec?: Partial<CertSpec>;
    now?: Date;
    window?: number;
    ca?: () => string;
    key?: () => string;
    reason: RegExp;
  }[] = [
    {
      when: 'the CN differs',
      spec: { subject: { ...LEAF_SPEC.subject, commonName: 'system:node:worker-1' } },
      reason: /subject is ".*worker-0.*", want ".*worker-1/,
    },
    {
      when: 'an O group is added',
      spec: { subject: { ...LEAF_SPEC.subject, organizations: ['system:nodes', 'extra'] } },
      reason: /subject/,
    },
    { when: 'the country differs', spec: { subject: { ...LEAF_SPEC.subject, country: 'DE' } }, reason: /subject/ },
    {
      when: 'an IP SAN is added',
      spec: { ipAddresses: [...LEAF_SPEC.ipAddresses!, '10.240.0.100'] },
      reason: /SANs \+IP:10\.240\.0\.100$/,
    },
    { when: 'a DNS SAN is removed', spec: { dnsNames: [] }, reason: /SANs -DNS:worker-0/ },
    { when: 'a key usage differs', spec: { keyUsages: ['digitalSignature'] }, reason: /key usages -keyEncipherment/ },
    {
      when: 'an extended key usage differs',
      spec: { extKeyUsages: ['clientAuth'] },
      reason: /extended key usages -serverAuth/,
    },
    { when: 'a CA is wanted', spec: { isCa: true }, reason: /not a CA certificate/ },
    { when: 'another key size is wanted', spec: { keyBits: 4096 }, reason: /key is 2048 bits, want 4096/ },
    { when: 'another CA is current', ca: () => otherTestCa().certPem, reason: /not signed by the current CA/ },
    { when: 'the private key is another one', key: () => key(3), reason: /does not match its private key/ },
    {
      when: 'it expires within the window',
      now: at(340),
      reason: /expires on .* \(25 days left, renewal window 30 days\)/,
    },
    { when: 'it expires within a wider window', window: 400, reason: /renewal window 400 days/ },
    { when: 'it has expired', now: at(400), reason: /expired on/ },
    { when: 'it is not valid yet', now: at(-1), reason: /not valid before/ },
  ];
  for (const t of table)
    it(`GIVEN ${t.when} THEN a reason`, () => {
      const spec = { ...LEAF_SPEC, ...t.spec };
      const reason = needsReissue(
        spec,
        existing,
        t.ca?.() ?? testCa().certPem,
        t.now ?? NOW,
        t.window ?? 30,
        t.key?.() ?? key(2),
      );
      expect(reason).to.match(t.reason);
    });

  it('GIVEN no certificate THEN "missing"; garbage THEN "unreadable"', () => {
    expect(needsReissue(LEAF_SPEC, undefined, testCa().certPem, NOW, 30)).to.equal('missing');
    expect(needsReissue(LEAF_SPEC, 'not a pem', testCa().certPem, NOW, 30)).to.match(/^unreadable certificate/);
  });

  it('GIVEN several differences THEN all of them, joined', () => {
    const r = needsReissue({ ...LEAF_SPEC, dnsNames: [] }, existing, otherTestCa().certPem, at(400), 30);
    expect(r).to.match(/not signed by the current CA; SANs -DNS:worker-0; expired on/);
  });

  it('GIVEN the CA, another CA or junk THEN signedBy tells them apart; daysLeft rounds down', () => {
    expect(signedBy(existing, testCa().certPem)).to.equal(true);
    expect(signedBy(existing, otherTestCa().certPem)).to.equal(false);
    expect(signedBy('junk', testCa().certPem)).to.equal(false);
    expect(daysLeft(at(10), NOW)).to.equal(10);
    expect(daysLeft(at(-1.5), NOW)).to.equal(-2);
  });
});
