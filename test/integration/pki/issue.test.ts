import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  identityOf,
  issueSelfSigned,
  issueSigned,
  keyMatchesCertificate,
  BACKDATE_MS,
} from '../../../src/pki/index.ts';
import { CA_SPEC, LEAF_SPEC, NOW, key, testCa } from './fixtures.ts';
import { opensslVerify } from './openssl.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('pki/issue', function () {
  this.timeout(60_000);

  describe('GIVEN a self-signed CA', () => {
    it('THEN it verifies with its own public key and is a CA with certSign + cRLSign', () => {
      const ca = new X509Certificate(testCa().certPem);
      expect(ca.verify(ca.publicKey)).to.equal(true);
      expect(ca.ca).to.equal(true);
      const id = identityOf(testCa().certPem);
      expect(id.isCa).to.equal(true);
      expect(id.keyUsages).to.deep.equal(['cRLSign', 'keyCertSign']);
      expect(id.subject).to.equal(id.issuer);
    });
  });

  describe('GIVEN a leaf signed by the CA', () => {
    const leafPem = () => issueSigned(LEAF_SPEC, key(2), testCa(), NOW);

    it('THEN node:crypto verifies it with the CA public key and openssl verify accepts it as server and client', () => {
      const pem = leafPem();
      const leaf = new X509Certificate(pem);
      expect(leaf.verify(new X509Certificate(testCa().certPem).publicKey)).to.equal(true);
      expect(leaf.checkIssued(new X509Certificate(testCa().certPem))).to.equal(true);
      expect(opensslVerify(testCa().certPem, pem, 'sslserver')).to.match(/: OK/);
      expect(opensslVerify(testCa().certPem, pem, 'sslclient')).to.match(/: OK/);
    });

    it('THEN subject, SANs, usages and key read back as asked', () => {
      const id = identityOf(leafPem());
      expect(id.subject).to.equal('CN=system:node:worker-0, O=system:nodes, ST=Oregon, C=US');
      expect(id.issuer).to.equal('CN=Test CA, O=Test, OU=CA, C=US');
      expect(id.sans).to.deep.equal(['DNS:worker-0', 'IP:10.240.0.20', 'IP:127.0.0.1']);
      expect(id.keyUsages).to.deep.equal(['digitalSignature', 'keyEncipherment']);
      expect(id.extKeyUsages).to.deep.equal(['clientAuth', 'serverAuth']);
      expect(id.isCa).to.equal(false);
      expect(id.keyBits).to.equal(2048);
      expect(keyMatchesCertificate(key(2), leafPem())).to.equal(true);
      expect(keyMatchesCertificate(key(3), leafPem())).to.equal(false);
    });

    it('THEN validity starts a little before now and lasts validityDays', () => {
      const id = identityOf(leafPem());
      expect(id.notBefore.getTime()).to.equal(NOW.getTime() - BACKDATE_MS);
      expect(id.notAfter.getTime()).to.equal(NOW.getTime() + 365 * 86_400_000);
    });

    it('THEN serials are 16 random bytes, positive, different each time', () => {
      const a = identityOf(leafPem()).serial;
      const b = identityOf(leafPem()).serial;
      expect(a).to.match(/^[0-9a-f]{32}$/);
      expect(parseInt(a.slice(0, 2), 16)).to.be.within(0x40, 0x7f);
      expect(a).to.not.equal(b);
    });

    it('THEN openssl shows several O values, SKI and an AKI equal to the CA SKI', () => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'leaf.pem'),
        issueSigned({ ...LEAF_SPEC, subject: { commonName: 'x', organizations: ['a', 'b'] } }, key(2), testCa(), NOW),
      );
      writeFileSync(join(dir, 'ca.pem'), testCa().certPem);
      const text = (f: string) =>
        execFileSync('openssl', ['x509', '-noout', '-text', '-in', join(dir, f)], { encoding: 'utf8' });
      const leaf = text('leaf.pem');
      expect(leaf).to.match(/Subject: O ?= ?a, O ?= ?b, CN ?= ?x/);
      const ski = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(text('ca.pem'))![1];
      const aki = /Authority Key Identifier:\s*\n\s*(?:keyid:)?([0-9A-F:]+)/.exec(leaf)![1];
      expect(aki).to.equal(ski);
      expect(leaf).to.match(/Basic Constraints: critical\s*\n\s*CA:FALSE/);
      expect(leaf).to.match(/Key Usage: critical\s*\n\s*Digital Signature, Key Encipherment/);
    });
  });

  it('refuses an IP SAN that is not an address', () => {
    expect(() => issueSigned({ ...LEAF_SPEC, ipAddresses: ['worker-0'] }, key(2), testCa(), NOW)).to.throw(
      /not an IP address/,
    );
  });

  it('writes IPv6 SANs in one canonical spelling', () => {
    const pem = issueSigned({ ...LEAF_SPEC, ipAddresses: ['FD00:0:0::1'] }, key(2), testCa(), NOW);
    expect(identityOf(pem).sans).to.include('IP:fd00::1');
  });

  it('a CA can be re-signed with its own key and still validates the leaves it signed', () => {
    const leaf = issueSigned(LEAF_SPEC, key(2), testCa(), NOW);
    const again = issueSelfSigned(CA_SPEC, testCa().keyPem, new Date(NOW.getTime() + 1000));
    expect(opensslVerify(again, leaf)).to.match(/: OK/);
  });
});
