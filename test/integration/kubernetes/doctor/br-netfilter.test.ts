import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import {
  BR_NETFILTER_PROBE,
  judgeBrNetfilter,
  parseBrNetfilter,
} from '../../../../kubernetes/doctor/checks/br-netfilter.ts';
import { checkSyntax } from './snippets.ts';

describe('doctor check br-netfilter', () => {
  describe('the snippet', () => {
    it('parses under sh and bash', () => checkSyntax(BR_NETFILTER_PROBE));
    it('runs here, read-only, and the parser agrees with /proc/sys', () => {
      const out = execFileSync('sh', ['-c', BR_NETFILTER_PROBE], { encoding: 'utf8' });
      const s = parseBrNetfilter(out);
      for (const key of ['net/ipv4/ip_forward', 'net/bridge/bridge-nf-call-iptables']) {
        const path = `/proc/sys/${key}`;
        const want = existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
        expect(s.live.get(key.replace(/\//g, '.')), key).to.equal(want);
      }
      expect(s.module.includes('loaded')).to.equal(
        existsSync('/proc/modules') && /^br_netfilter /m.test(readFileSync('/proc/modules', 'utf8')),
      );
      expect(['ok', 'warn', 'fail']).to.include(judgeBrNetfilter('here', s).verdict);
    });
  });
});
