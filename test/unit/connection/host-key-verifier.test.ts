import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostKeyAlgorithms, refusal } from '../../../src/connection/host-key-verifier.ts';

const dir = fileURLToPath(new URL('../../fixtures/known_hosts/', import.meta.url));
const blob = (name: string): Buffer =>
  Buffer.from(readFileSync(`${dir}keys/${name}.pub`, 'utf8').split(' ')[1] ?? '', 'base64');
const target = { label: 'web1', address: '192.0.2.10', port: 2222 };
const presentedFp = 'SHA256:C2/PRFPN0oayFwptkdg+ohmGpitY6v3EMHAfHCrEk8A';
const knownFp = 'SHA256:2NaG2R/AQbaomEHC7XgHDyohj9xG7wBXK5GCYFeO79E';

describe('connection/host-key-verifier', () => {
  it('offers recorded key types first (RSA as its SHA-2 signature algorithms)', () => {
    expect(hostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).to.deep.equal(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(hostKeyAlgorithms(['ecdsa-sha2-nistp256'])[0]).to.equal('ecdsa-sha2-nistp256');
    expect(hostKeyAlgorithms([])[0]).to.equal('ssh-ed25519');
    expect(hostKeyAlgorithms(['sk-ssh-ed25519@openssh.com'])).to.have.length(7);
  });

  it('refuses an unknown key with the fingerprint, the file and ssh-keyscan / accept-new as the fix', () => {
    const e = refusal({ status: 'unknown' }, '/etc/kh', target, 'ssh-ed25519', blob('kc'));
    expect(e?.code).to.equal('HOST_KEY_UNKNOWN');
    expect(e?.message)
      .to.contain('web1')
      .and.contain('[192.0.2.10]:2222')
      .and.contain(presentedFp)
      .and.contain('/etc/kh');
    expect(e?.fix).to.contain('ssh-keyscan -p 2222 192.0.2.10').and.contain('accept-new');
  });

  it('refuses a changed key naming both fingerprints and the file line', () => {
    const e = refusal(
      { status: 'mismatch', known: [knownFp], lines: [7], revoked: false },
      '/etc/kh',
      target,
      'ssh-ed25519',
      blob('kc'),
    );
    expect(e?.code).to.equal('HOST_KEY_MISMATCH');
    expect(e?.message).to.contain(presentedFp).and.contain(knownFp).and.contain('/etc/kh line 7').and.contain('web1');
    expect(e?.fix).to.contain("ssh-keygen -R '[192.0.2.10]:2222' -f /etc/kh");
  });

  it('refuses a revoked key as a mismatch that says revoked', () => {
    const e = refusal(
      { status: 'mismatch', known: [], lines: [3], revoked: true },
      '/etc/kh',
      target,
      'ssh-ed25519',
      blob('kd'),
    );
    expect(e?.code).to.equal('HOST_KEY_MISMATCH');
    expect(e?.message).to.contain('@revoked').and.contain('line 3');
  });

  it('accepts a match', () => {
    expect(refusal({ status: 'match' }, '/etc/kh', target, 'ssh-ed25519', blob('ka'))).to.equal(undefined);
  });
});
