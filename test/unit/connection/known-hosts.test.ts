import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fingerprint } from '../../../src/connection/fingerprint.ts';
import { checkHostKey, formatKnownHost, knownKeyTypes, parseKnownHosts } from '../../../src/connection/known-hosts.ts';

const dir = fileURLToPath(new URL('../../fixtures/known_hosts/', import.meta.url));
const read = (name: string): string => readFileSync(dir + name, 'utf8');
const blob = (name: string): Buffer => Buffer.from(read(`keys/${name}.pub`).split(' ')[1] ?? '', 'base64');
const plain = parseKnownHosts(read('known_hosts.plain'));
const hashed = parseKnownHosts(read('known_hosts.hashed'));
const ed = 'ssh-ed25519';

describe('connection/known-hosts', () => {
  describe('parseKnownHosts', () => {
    it('keeps the lines ssh-keygen -lf lists, with the same fingerprints, in order', () => {
      const expected = read('known_hosts.plain.fingerprints')
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[1]);
      const got = plain.filter((e) => !e.revoked).map((e) => fingerprint(e.key));
      expect(got).to.deep.equal(expected);
    });

    it('keeps @revoked lines marked, and skips @cert-authority, comments, malformed and mislabeled lines', () => {
      const revoked = plain.filter((e) => e.revoked);
      expect(revoked.map((e) => [e.hosts, e.line])).to.deep.equal([['*', 10]]);
      const hosts = plain.map((e) => e.hosts);
      expect(hosts).not.to.include('*.ca.test');
      expect(hosts).not.to.include('broken.example.org');
      expect(hosts).not.to.include('mislabeled.example.org');
    });

    it('records 1-based line numbers for messages', () => {
      expect(plain[0]).to.include({ line: 3, hosts: 'example.org', keyType: ed });
    });

    it('tolerates CRLF line ends and extra spaces', () => {
      const k = blob('ka').toString('base64');
      const entries = parseKnownHosts(`# c\r\n  h1   ssh-ed25519   ${k}  comment here\r\n`);
      expect(entries).to.have.length(1);
      expect(entries[0]).to.include({ line: 2, hosts: 'h1' });
    });
  });

  describe('checkHostKey', () => {
    it('matches a plain name on port 22', () => {
      expect(checkHostKey(plain, 'example.org', 22, ed, blob('ka'))).to.deep.equal({ status: 'match' });
    });

    it('matches [host]:port only for that port', () => {
      expect(checkHostKey(plain, 'example.org', 2222, ed, blob('kb')).status).to.equal('match');
      expect(checkHostKey(plain, 'example.org', 2223, ed, blob('kb')).status).to.equal('unknown');
    });

    it('GIVEN the port-22 key presented on another port THEN that port is unknown (OpenSSH keeps them apart)', () => {
      expect(checkHostKey(plain, 'example.org', 2200, ed, blob('ka')).status).to.equal('unknown');
    });

    it('matches each name of a comma list, case-insensitively', () => {
      for (const h of ['alpha', 'BETA', '192.0.2.5'])
        expect(checkHostKey(plain, h, 22, ed, blob('ka')).status).to.equal('match');
      expect(checkHostKey(plain, 'gamma', 22, ed, blob('ka')).status).to.equal('unknown');
    });

    it('matches wildcards, and a matching !pattern vetoes the line', () => {
      expect(checkHostKey(plain, 'n1.lab.test', 22, ed, blob('kc')).status).to.equal('match');
      expect(checkHostKey(plain, 'bad.lab.test', 22, ed, blob('kc')).status).to.equal('unknown');
      expect(checkHostKey(plain, 'lab.test', 22, ed, blob('kc')).status).to.equal('unknown');
    });

    it('matches ? and * inside [host]:port patterns', () => {
      expect(checkHostKey(plain, 'a.ports.test', 2201, ed, blob('kb')).status).to.equal('match');
      expect(checkHostKey(plain, 'a.ports.test', 2301, ed, blob('kb')).status).to.equal('unknown');
    });

    it('GIVEN another key of the same type THEN mismatch with the known fingerprint and line', () => {
      const r = checkHostKey(plain, 'example.org', 22, ed, blob('kc'));
      expect(r).to.deep.equal({
        status: 'mismatch',
        known: ['SHA256:2NaG2R/AQbaomEHC7XgHDyohj9xG7wBXK5GCYFeO79E'],
        lines: [3],
        revoked: false,
      });
    });

    it('GIVEN only other key types on record THEN mismatch, not unknown', () => {
      const r = checkHostKey(plain, 'rsa.example.org', 22, ed, blob('ka'));
      expect(r.status).to.equal('mismatch');
    });

    it('GIVEN a host with two key types THEN either one matches', () => {
      expect(checkHostKey(plain, 'multi.example.org', 22, ed, blob('ka')).status).to.equal('match');
      expect(checkHostKey(plain, 'multi.example.org', 22, 'ssh-rsa', blob('krsa')).status).to.equal('match');
    });

    it('GIVEN a @revoked key THEN mismatch marked revoked, for any host the line covers', () => {
      const r = checkHostKey(plain, 'new.example.net', 22, ed, blob('kd'));
      expect(r).to.deep.equal({ status: 'mismatch', known: [], lines: [10], revoked: true });
    });

    it('ignores @cert-authority keys as host keys', () => {
      expect(checkHostKey(plain, 'x.ca.test', 22, ed, blob('ke')).status).to.equal('unknown');
    });

    it('matches hashed entries written by ssh-keygen -H, for names and [host]:port', () => {
      expect(checkHostKey(hashed, 'example.org', 22, ed, blob('ka')).status).to.equal('match');
      expect(checkHostKey(hashed, 'example.org', 2222, ed, blob('kb')).status).to.equal('match');
      expect(checkHostKey(hashed, 'beta', 22, ed, blob('ka')).status).to.equal('match');
      expect(checkHostKey(hashed, '192.0.2.5', 22, ed, blob('ka')).status).to.equal('match');
      expect(checkHostKey(hashed, 'example.org', 22, ed, blob('kb')).status).to.equal('mismatch');
      expect(checkHostKey(hashed, 'example.com', 22, ed, blob('ka')).status).to.equal('unknown');
    });
  });

  describe('knownKeyTypes and formatKnownHost', () => {
    it('lists the recorded key types of a host in file order', () => {
      expect(knownKeyTypes(plain, 'multi.example.org', 22)).to.deep.equal(['ssh-ed25519', 'ssh-rsa']);
      expect(knownKeyTypes(plain, 'nowhere', 22)).to.deep.equal([]);
    });

    it('writes the plain form, bracketed for non-22 ports, and it parses back as a match', () => {
      const line = formatKnownHost('10.0.0.1', 2222, ed, blob('ka'));
      expect(line.startsWith('[10.0.0.1]:2222 ssh-ed25519 AAAA')).to.equal(true);
      expect(formatKnownHost('h', 22, ed, blob('ka')).startsWith('h ssh-ed25519 ')).to.equal(true);
      expect(checkHostKey(parseKnownHosts(line), '10.0.0.1', 2222, ed, blob('ka')).status).to.equal('match');
    });
  });
});
