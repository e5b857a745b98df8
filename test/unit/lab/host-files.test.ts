import { expect } from 'chai';
import { knownHostsLine, renderEtcHosts, renderNetworkFile } from '../../../src/lab/host-files.ts';

const host = { name: 'worker-0', address: '10.240.0.20', groups: ['workers'] };

describe('lab/host-files', () => {
  it('networkd file: host0, static address with the lab prefix, gateway 10.240.0.1', () => {
    const text = renderNetworkFile(host, 24);
    expect(text).to.include('[Match]\nName=host0\n');
    expect(text).to.include('Address=10.240.0.20/24\n');
    expect(text).to.include('Gateway=10.240.0.1\n');
    expect(renderNetworkFile(host, 16)).to.include('Address=10.240.0.20/16\n');
  });

  it('/etc/hosts: localhost and the host itself only', () => {
    const text = renderEtcHosts(host);
    expect(text).to.match(/^127\.0\.0\.1\tlocalhost$/m);
    expect(text).to.match(/^10\.240\.0\.20\tworker-0$/m);
    expect(text.match(/10\.240\./g)).to.have.length(1);
  });

  it('known_hosts line: address, type, key; comment dropped', () => {
    expect(knownHostsLine('10.240.0.20', 'ssh-ed25519 AAAAC3Nza root@worker-0\n')).to.equal(
      '10.240.0.20 ssh-ed25519 AAAAC3Nza',
    );
  });
});
