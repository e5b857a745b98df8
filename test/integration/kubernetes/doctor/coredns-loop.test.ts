import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COREDNS_LOOP_PROBE,
  judgeCorednsLoop,
  parsePodsResolv,
} from '../../../../kubernetes/doctor/checks/coredns-loop.ts';
import { checkSyntax, fixture, runSnippet } from './snippets.ts';
import { tempDir } from '../../../support/temp-dir.ts';

describe('doctor check coredns-loop', () => {
  describe('the snippet', () => {
    it('parses under sh and bash', () => checkSyntax(COREDNS_LOOP_PROBE));

    // The real snippet, a fake systemctl printing the captured ExecStart, the kubelet config in a temp dir.
    function runWith(execFixture: string, configFixture: string, resolv: string): [string, string] {
      const dir = tempDir('orchestrate-doctor-');
      writeFileSync(join(dir, 'stub-resolv.conf'), resolv);
      const config = fixture(configFixture).replace(
        /^resolvConf: .*$/m,
        `resolvConf: "${dir}/stub-resolv.conf" # pods`,
      );
      writeFileSync(join(dir, 'kubelet-config.yaml'), config);
      const exec = fixture(execFixture)
        .replace('/var/lib/kubelet/kubelet-config.yaml', join(dir, 'kubelet-config.yaml'))
        .replace('--resolv-conf /etc/resolv.conf', `--resolv-conf ${dir}/stub-resolv.conf`);
      return [dir, runSnippet(COREDNS_LOOP_PROBE, { kubeletExecStart: exec, resolved: 'active' })];
    }

    for (const [exec, config, source] of [
      ['execstart-kubelet-ubuntu2004.txt', 'kubelet-config-kthw-new.yaml', 'config'],
      ['execstart-kubelet-ubuntu2204.txt', 'kubelet-config-kthw-old.yaml', 'flag'],
      ['execstart-kubelet-debian12.txt', 'kubelet-config-orchestrate.yaml', 'config'],
    ] as const)
      it(`runs here with ${exec} and ${config}: the parser reads what it printed (${source})`, () => {
        const [dir, out] = runWith(
          exec,
          config,
          fixture('coredns-loop-ubuntu2004-stub.txt')
            .match(/^rc\| .*$/gm)!
            .map((l) => l.slice(4))
            .join('\n'),
        );
        const r = parsePodsResolv(out);
        expect(r.kubelet).to.equal(true);
        expect(r.source).to.equal(source);
        expect(r.path).to.equal(`${dir}/stub-resolv.conf`);
        expect(r.resolvedActive).to.equal(true);
        const f = judgeCorednsLoop('worker-0', r);
        expect(f.verdict).to.equal('fail');
        expect(f.summary).to.contain('systemd-resolved stub (127.0.0.53)');
      });

    it('runs here without a kubelet unit: warn', () => {
      const out = runSnippet(COREDNS_LOOP_PROBE, { kubeletExecStart: '', resolved: 'inactive' });
      expect(out).to.contain('argv-missing kubelet');
      expect(judgeCorednsLoop('w', parsePodsResolv(out)).verdict).to.equal('warn');
    });

    it('runs here with no resolvConf anywhere: the default /etc/resolv.conf', () => {
      const dir = tempDir('orchestrate-doctor-');
      writeFileSync(join(dir, 'c.yaml'), 'kind: KubeletConfiguration\npodCIDR: 10.200.0.0/24\n');
      const out = runSnippet(COREDNS_LOOP_PROBE, {
        kubeletExecStart: `{ path=/k ; argv[]=/k --config ${dir}/c.yaml ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }`,
        resolved: 'inactive',
      });
      const r = parsePodsResolv(out);
      expect(r).to.include({ source: 'default', path: '/etc/resolv.conf', resolvedActive: false });
      expect(r.content).to.equal(readFileSync('/etc/resolv.conf', 'utf8').replace(/\n$/, ''));
    });
  });
});
