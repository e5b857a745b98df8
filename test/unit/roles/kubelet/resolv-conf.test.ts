import { expect } from 'chai';
import { isOrchestrateError, type OrchestrateError } from '../../../../src/errors.ts';
import type { Facts } from '../../../../src/facts/types.ts';
import type { ResolvChoice } from '../../../../roles/kubelet/resolv-conf.ts';
import { chooseResolvConf } from '../../../../roles/kubelet/resolv-conf.ts';
import { factsOf, plainWith, stubWithLoopbackUpstream } from './facts.ts';

const caught = (f: () => unknown): OrchestrateError => {
  try {
    f();
  } catch (e) {
    if (isOrchestrateError(e)) return e;
    throw e;
  }
  throw new Error('expected an OrchestrateError');
};

describe('roles/kubelet resolvConf chooser', () => {
  const ok: { given: string; facts: () => Facts; upstream?: string[]; then: ResolvChoice }[] = [
    {
      given: 'Ubuntu 20.04 with the resolved stub',
      facts: () => factsOf('ubuntu2004'),
      then: { kind: 'host-file', path: '/run/systemd/resolve/resolv.conf' },
    },
    {
      given: 'Ubuntu 22.04 with the resolved stub',
      facts: () => factsOf('ubuntu2204'),
      then: { kind: 'host-file', path: '/run/systemd/resolve/resolv.conf' },
    },
    {
      given: 'Debian 12, plain resolv.conf, no resolved',
      facts: () => factsOf('debian12Plain'),
      then: { kind: 'host-file', path: '/etc/resolv.conf' },
    },
    {
      given: 'the captured Debian 12 VM (resolved state unknown, real nameserver)',
      facts: () => factsOf('vm'),
      then: { kind: 'host-file', path: '/etc/resolv.conf' },
    },
    {
      given: 'dns.upstream set and resolved running (loopback upstream)',
      facts: stubWithLoopbackUpstream,
      upstream: ['10.0.2.3', '8.8.8.8'],
      then: { kind: 'resolved-drop-in', path: '/run/systemd/resolve/resolv.conf', upstream: ['10.0.2.3', '8.8.8.8'] },
    },
    {
      given: 'dns.upstream set and resolved not running (loopback in /etc/resolv.conf)',
      facts: () => plainWith(['127.0.0.1']),
      upstream: ['192.168.122.1'],
      then: {
        kind: 'kubelet-file',
        path: '/etc/orchestrate/kubelet-resolv.conf',
        upstream: ['192.168.122.1'],
        search: ['kthw.internal'],
      },
    },
    {
      given: 'dns.upstream set on a healthy stub host (explicit wins)',
      facts: () => factsOf('ubuntu2204'),
      upstream: ['1.1.1.1'],
      then: { kind: 'resolved-drop-in', path: '/run/systemd/resolve/resolv.conf', upstream: ['1.1.1.1'] },
    },
  ];
  for (const c of ok)
    it(`GIVEN ${c.given} WHEN chosen THEN ${c.then.kind} ${c.then.path}`, () => {
      expect(chooseResolvConf('worker-0', c.facts(), c.upstream)).to.deep.equal(c.then);
    });

  const loops: { given: string; facts: () => Facts; file: string; names: string }[] = [
    {
      given: "resolved's upstream is 127.0.0.1 (NIF)",
      facts: stubWithLoopbackUpstream,
      file: '/run/systemd/resolve/resolv.conf',
      names: '127.0.0.1',
    },
    {
      given: 'a local dnsmasq at 127.0.1.1',
      facts: () => plainWith(['127.0.1.1']),
      file: '/etc/resolv.conf',
      names: '127.0.1.1',
    },
    {
      given: '::1 after a real server',
      facts: () => plainWith(['10.0.0.2', '::1']),
      file: '/etc/resolv.conf',
      names: '::1',
    },
    { given: 'no nameserver at all', facts: () => plainWith([]), file: '/etc/resolv.conf', names: 'no nameserver' },
    {
      given: 'the stub, but resolved is not running (no upstream file)',
      facts: () => {
        const f = factsOf('ubuntu2004');
        return { ...f, resolved: { active: false, stub: true, upstream: [] } };
      },
      file: '/run/systemd/resolve/resolv.conf',
      names: 'no nameserver',
    },
  ];
  for (const c of loops)
    it(`GIVEN ${c.given} and no dns.upstream WHEN chosen THEN the role stops with the CoreDNS-loop error and the fix`, () => {
      const e = caught(() => chooseResolvConf('worker-1', c.facts(), undefined));
      expect(e.code).to.equal('PLAN_CONFLICT');
      expect(e.host).to.equal('worker-1');
      expect(e.message).to.contain('CoreDNS forwarding loop').and.contain(c.file).and.contain(c.names);
      expect(e.fix).to.contain('dns.upstream');
    });

  it('GIVEN resolved running WHEN the loop error is raised THEN the fix names the drop-in; without resolved, our file', () => {
    expect(caught(() => chooseResolvConf('w', stubWithLoopbackUpstream(), undefined)).fix).to.contain(
      '/etc/systemd/resolved.conf.d/orchestrate-upstream.conf',
    );
    expect(caught(() => chooseResolvConf('w', plainWith(['127.0.0.1']), undefined)).fix).to.contain(
      '/etc/orchestrate/kubelet-resolv.conf',
    );
  });
});
