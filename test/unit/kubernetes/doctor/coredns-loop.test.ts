import { expect } from 'chai';
import { judgeCorednsLoop, parsePodsResolv } from '../../../../kubernetes/doctor/checks/coredns-loop.ts';
import { fixture } from './snippets.ts';

const judge = (name: string) => judgeCorednsLoop('worker-0', parsePodsResolv(fixture(name)));

describe('doctor check coredns-loop', () => {
  describe('parsePodsResolv', () => {
    it('Ubuntu 20.04, no resolvConf: the default /etc/resolv.conf, a link to the stub', () => {
      const r = parsePodsResolv(fixture('coredns-loop-ubuntu2004-stub.txt'));
      expect(r).to.include({
        kubelet: true,
        source: 'default',
        path: '/etc/resolv.conf',
        realPath: '/run/systemd/resolve/stub-resolv.conf',
        resolvedActive: true,
      });
      expect(r.content).to.match(/^# This file is managed by man:systemd-resolved/);
      expect(r.content).to.contain('nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch kthw.internal');
      expect(r.upstream).to.contain('nameserver 10.0.2.3');
    });
    it('Debian 12 without systemd-resolved: no upstream file, resolved not active', () => {
      const r = parsePodsResolv(fixture('coredns-loop-debian12-plain-ok.txt'));
      expect(r).to.include({ source: 'config', path: '/etc/resolv.conf', realPath: '/etc/resolv.conf' });
      expect(r.upstream).to.equal(undefined);
      expect(r.resolvedActive).to.equal(false);
    });
    it('the --resolv-conf flag', () => {
      expect(parsePodsResolv(fixture('coredns-loop-ubuntu2204-flag-stub.txt')).source).to.equal('flag');
    });
    it('no kubelet unit', () => {
      const r = parsePodsResolv(fixture('coredns-loop-debian12-no-kubelet.txt'));
      expect(r.kubelet).to.equal(false);
      expect(r.content).to.equal(undefined);
    });
  });

  describe('judgeCorednsLoop on captured outputs', () => {
    it('GIVEN Ubuntu 20.04 pods on the resolved stub THEN fail naming the stub, the loop and the upstream file', () => {
      const f = judge('coredns-loop-ubuntu2004-stub.txt');
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.contain('systemd-resolved stub (127.0.0.53)').and.contain('CoreDNS forwarding loop');
      expect(f.summary).to.contain('/etc/resolv.conf -> /run/systemd/resolve/stub-resolv.conf');
      expect(f.fix).to.contain('resolvConf: /run/systemd/resolve/resolv.conf').and.contain('10.0.2.3');
      expect(f.evidence).to.include('  nameserver 127.0.0.53');
      expect(f.evidence).to.include('  options edns0 trust-ad');
    });
    it('GIVEN Ubuntu 22.04 with a --resolv-conf flag on the stub THEN the flag wins over the config: fail', () => {
      const f = judge('coredns-loop-ubuntu2204-flag-stub.txt');
      expect(f.verdict).to.equal('fail');
      expect(f.evidence[0]).to.contain('from --resolv-conf');
      expect(f.fix).to.contain('10.240.0.2');
    });
    it('GIVEN Ubuntu 22.04 on the upstream file THEN ok', () => {
      const f = judge('coredns-loop-ubuntu2204-upstream-ok.txt');
      expect(f.verdict).to.equal('ok');
      expect(f.summary).to.equal('pods get /run/systemd/resolve/resolv.conf with nameserver 10.240.0.2: no loopback');
    });
    it('GIVEN the upstream file itself loopback (resolved DNS=127.0.0.1) THEN fail with dns.upstream as the fix', () => {
      const f = judge('coredns-loop-ubuntu2204-upstream-loopback.txt');
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.contain('loopback nameserver 127.0.0.1');
      expect(f.fix).to.contain('only loopback (127.0.0.1)').and.contain('dns.upstream');
      expect(f.fix).to.contain('/etc/systemd/resolved.conf.d/orchestrate-upstream.conf');
    });
    it('GIVEN Debian 12 with a plain resolv.conf THEN ok', () => {
      expect(judge('coredns-loop-debian12-plain-ok.txt').verdict).to.equal('ok');
    });
    it('GIVEN Debian 12 with a local resolver on 127.0.0.1 and no resolved THEN fail, fix writes the kubelet file', () => {
      const f = judge('coredns-loop-debian12-local-resolver.txt');
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.not.contain('stub');
      expect(f.fix).to.contain('dns.upstream').and.contain('/etc/orchestrate/kubelet-resolv.conf');
    });
    it('GIVEN no kubelet unit THEN warn (not a KTHW worker?), no crash', () => {
      const f = judge('coredns-loop-debian12-no-kubelet.txt');
      expect(f.verdict).to.equal('warn');
      expect(f.summary).to.contain('not a KTHW worker?');
    });
  });

  describe('judgeCorednsLoop edge cases', () => {
    const base = parsePodsResolv(fixture('coredns-loop-debian12-plain-ok.txt'));
    it('no nameserver at all -> warn', () => {
      const f = judgeCorednsLoop('w', { ...base, content: 'search kthw.internal' });
      expect(f.verdict).to.equal('warn');
      expect(f.summary).to.contain('lists no nameserver');
    });
    it('::1 among real servers -> fail', () => {
      const f = judgeCorednsLoop('w', { ...base, content: 'nameserver 10.0.0.2\nnameserver ::1' });
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.contain('::1');
    });
    it('a missing file -> fail naming it', () => {
      const f = judgeCorednsLoop('w', { ...base, path: '/etc/kube-resolv.conf', content: undefined });
      expect(f.verdict).to.equal('fail');
      expect(f.summary).to.contain('/etc/kube-resolv.conf').and.contain('does not exist');
    });
    it('resolvConf set empty -> warn', () => {
      expect(judgeCorednsLoop('w', { ...base, path: '', content: undefined }).verdict).to.equal('warn');
    });
  });
});
