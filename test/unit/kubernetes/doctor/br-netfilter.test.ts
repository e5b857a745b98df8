import { expect } from 'chai';
import { judgeBrNetfilter, parseBrNetfilter } from '../../../../kubernetes/doctor/checks/br-netfilter.ts';
import { fixture } from './snippets.ts';

const judge = (name: string) => judgeBrNetfilter('worker-0', parseBrNetfilter(fixture(name)));

describe('doctor check br-netfilter', () => {
  describe('parseBrNetfilter', () => {
    it('Ubuntu 20.04 built by orchestrate: module, live values, files', () => {
      const s = parseBrNetfilter(fixture('br-netfilter-ubuntu2004-ok.txt'));
      expect(s.module).to.deep.equal(['sysfs', 'loaded']);
      expect(s.live.get('net.bridge.bridge-nf-call-iptables')).to.equal('1');
      expect(s.moduleFiles).to.deep.equal(['/etc/modules-load.d/br_netfilter.conf']);
      expect(s.persisted.get('net.ipv4.ip_forward')).to.deep.equal({
        value: '1',
        file: '/etc/sysctl.d/kubernetes.conf',
      });
    });
    it('Ubuntu 22.04 without the module: no bridge keys', () => {
      const s = parseBrNetfilter(fixture('br-netfilter-ubuntu2204-not-loaded.txt'));
      expect(s.live.has('net.bridge.bridge-nf-call-iptables')).to.equal(false);
      expect(s.live.get('net.ipv4.ip_forward')).to.equal('0');
    });
    it('persisted values follow systemd-sysctl: file-name order, /etc shadows /usr/lib, last wins', () => {
      const s = parseBrNetfilter(
        [
          'persist-sysctl /usr/lib/sysctl.d/50-x.conf net.ipv4.ip_forward = 0',
          'persist-sysctl /usr/lib/sysctl.d/99-k.conf net.ipv4.ip_forward = 1',
          'persist-sysctl /etc/sysctl.d/99-k.conf net/ipv4/ip_forward=0',
          'persist-sysctl /etc/sysctl.d/10-a.conf -net.bridge.bridge-nf-call-iptables = 1',
          'persist-sysctl /etc/sysctl.d/90-b.conf net.bridge.bridge-nf-call-iptables = 0',
        ].join('\n'),
      );
      expect(s.persisted.get('net.ipv4.ip_forward')).to.deep.equal({ value: '0', file: '/etc/sysctl.d/99-k.conf' });
      expect(s.persisted.get('net.bridge.bridge-nf-call-iptables')?.file).to.equal('/etc/sysctl.d/90-b.conf');
    });
  });

  describe('judgeBrNetfilter on captured outputs', () => {
    it('GIVEN Ubuntu 20.04 built by node-prep THEN ok', () => {
      const f = judge('br-netfilter-ubuntu2004-ok.txt');
      expect(f.verdict).to.equal('ok');
      expect(f.evidence).to.include(
        'net.bridge.bridge-nf-call-ip6tables = 1 (at boot: 1 from /etc/sysctl.d/kubernetes.conf)',
      );
    });
    it('GIVEN Ubuntu 22.04 without the module THEN fail: reply from unexpected source, modprobe and persistence', () => {
      const f = judge('br-netfilter-ubuntu2204-not-loaded.txt');
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.contain('br_netfilter is not loaded').and.contain('reply from unexpected source');
      expect(f.summary).to.contain('net.ipv4.ip_forward is 0');
      expect(f.fix).to.contain('modprobe br_netfilter').and.contain('sysctl -w net.ipv4.ip_forward=1');
      expect(f.fix).to.contain('/etc/modules-load.d').and.contain('--role node-prep');
    });
    it('GIVEN bridge-nf-call-iptables=0 THEN fail naming it', () => {
      const f = judge('br-netfilter-ubuntu2204-iptables-0.txt');
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.match(
        /^net\.bridge\.bridge-nf-call-iptables is 0 on worker-0: .*reply from unexpected source/,
      );
      expect(f.fix).to.contain('sysctl -w net.bridge.bridge-nf-call-iptables=1');
      expect(f.fix).to.not.contain('modprobe');
    });
    it('GIVEN Debian 12 set by hand, nothing persisted THEN warn: a reboot would lose it', () => {
      const f = judge('br-netfilter-debian12-not-persisted.txt');
      expect(f.verdict).to.equal('warn');
      expect(f.summary)
        .to.contain('br_netfilter is not listed')
        .and.contain('net.ipv4.ip_forward = 1 is not persisted');
    });
    it('GIVEN Debian 12 with br_netfilter built in and ip_forward in sysctl.conf THEN ok (nothing to load at boot)', () => {
      const f = judge('br-netfilter-debian12-builtin.txt');
      expect(f.verdict).to.equal('ok');
      expect(f.evidence[0]).to.equal('br_netfilter: builtin');
    });
    it('GIVEN /proc/sys/net/bridge but no module trace (no /proc/modules, no /lib/modules) THEN built in, no warn for modules-load', () => {
      const text = fixture('br-netfilter-debian12-builtin.txt').replace('module builtin\n', '');
      const f = judgeBrNetfilter('w', parseBrNetfilter(text));
      expect(f.verdict).to.equal('ok');
      expect(f.evidence[0]).to.contain('built in');
    });
    it('GIVEN ip_forward=1 now but a file setting 0 at boot THEN warn naming the file', () => {
      const text =
        fixture('br-netfilter-ubuntu2004-ok.txt') +
        'persist-sysctl /etc/sysctl.d/zz-old.conf net.ipv4.ip_forward = 0\n';
      const f = judgeBrNetfilter('w', parseBrNetfilter(text));
      expect(f.verdict).to.equal('warn');
      expect(f.summary).to.contain('/etc/sysctl.d/zz-old.conf sets net.ipv4.ip_forward = 0 at boot');
    });
  });
});
