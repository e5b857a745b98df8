import { expect } from 'chai';
import { formatSubject, specSans } from '../../../../src/pki/index.ts';
import { pkiCatalog } from '../../../../kubernetes/pki/index.ts';
import type { CertEntry } from '../../../../kubernetes/pki/index.ts';
import { kthwModel } from './fixtures.ts';
import { EXPECTED } from './expected-certs.ts';

describe('kubernetes/pki catalog', () => {
  const catalog = pkiCatalog(kthwModel(), { caValidityDays: 3650, leafValidityDays: 365 });
  const byName = new Map(catalog.map((e: CertEntry) => [e.name, e]));

  it('lists the CA first, then exactly the expected leaves', () => {
    expect(catalog[0]!.name).to.equal('ca');
    expect(
      catalog
        .slice(1)
        .map((e) => e.name)
        .sort(),
    ).to.deep.equal(EXPECTED.map((e) => e.name).sort());
  });

  it('the CA: CN Kubernetes, CA:TRUE, certSign + cRLSign, 10 years', () => {
    const ca = byName.get('ca')!.spec;
    expect(formatSubject(ca.subject)).to.equal('CN=Kubernetes, O=Kubernetes, OU=CA, L=Portland, ST=Oregon, C=US');
    expect(ca.isCa).to.equal(true);
    expect([...ca.keyUsages].sort()).to.deep.equal(['cRLSign', 'keyCertSign']);
    expect(ca.validityDays).to.equal(3650);
  });

  for (const want of EXPECTED)
    it(`${want.name}: subject, SANs, usages as in the expected table`, () => {
      const e = byName.get(want.name)!;
      expect(formatSubject(e.spec.subject)).to.equal(want.subject);
      expect(specSans(e.spec)).to.deep.equal([...want.sans].sort());
      expect([...e.spec.keyUsages].sort()).to.deep.equal(['digitalSignature', 'keyEncipherment']);
      expect([...(e.spec.extKeyUsages ?? [])].sort()).to.deep.equal(want.eku);
      expect(e.spec.isCa ?? false).to.equal(false);
      expect(e.spec.validityDays).to.equal(365);
      expect(e.spec.keyBits).to.equal(2048);
    });

  it('does not carry the KTHW typos (system:system:, kubernetes.svc.cluster.local)', () => {
    const all = catalog.map((e) => `${formatSubject(e.spec.subject)} ${specSans(e.spec).join(' ')}`).join('\n');
    expect(all).to.not.include('system:system:');
    expect(all).to.not.include('DNS:kubernetes.svc.cluster.local');
  });

  it('only the service-account key survives a reissue', () => {
    expect(catalog.filter((e) => e.keepKey && e.name !== 'ca').map((e) => e.name)).to.deep.equal(['service-account']);
  });

  it('follows the cluster domain, API names given as addresses, and external controller IPs', () => {
    const m = kthwModel({ apiAddresses: ['api.example.org', '192.0.2.7'] });
    const model = {
      ...m,
      clusterDomain: 'k8s.internal',
      controllers: [{ ...m.controllers[0]!, externalAddress: '198.51.100.1' }],
    };
    const sans = specSans(
      pkiCatalog(model, { caValidityDays: 1, leafValidityDays: 1 }).find((e) => e.name === 'kubernetes')!.spec,
    );
    expect(sans).to.include.members([
      'DNS:kubernetes.default.svc.k8s.internal',
      'DNS:api.example.org',
      'IP:192.0.2.7',
      'IP:198.51.100.1',
    ]);
  });

  it('refuses a node name that cannot be a file name or a cert CN', () => {
    const m = kthwModel();
    const bad = { ...m, workers: [{ ...m.workers[0]!, name: '../etc' }] };
    expect(() => pkiCatalog(bad, { caValidityDays: 1, leafValidityDays: 1 })).to.throw(/cannot name a Kubernetes node/);
  });
});
