import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  judgePodRoutes,
  parsePodRoutes,
  podRoutesProbe,
  type PodRoutesSeen,
} from '../../../../kubernetes/doctor/checks/pod-routes.ts';
import { kthwModel, sharedState } from '../../../unit/kubernetes/pki/fixtures.ts';
import { checkSyntax, fixture, runSnippet } from './snippets.ts';
import { tempDir } from '../../../support/temp-dir.ts';

describe('doctor check pod-routes', function () {
  this.timeout(120_000);
  let pki: string;
  before(async () => {
    pki = join((await sharedState()).dir, 'pki');
  });
  /** A worker fixture plus the cert lines the probe prints for the given kubelet cert. */
  const worker = (name: string, cert: string): string =>
    fixture(name) +
    readFileSync(join(pki, `${cert}.pem`), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => `cert| ${l}`)
      .join('\n');
  const all = (over: Record<string, string> = {}) =>
    new Map<string, PodRoutesSeen>(
      Object.entries({
        'controller-0': fixture('pod-routes-ubuntu2004-controller-0.txt'),
        'worker-0': worker('pod-routes-ubuntu2204-worker-0-fqdn.txt', 'kubelet-worker-0').replace(
          'hostname worker-0.kthw.internal',
          'hostname worker-0',
        ),
        'worker-1': worker('pod-routes-ubuntu2204-worker-1.txt', 'kubelet-worker-1'),
        'worker-2': worker('pod-routes-debian12-worker-2.txt', 'kubelet-worker-2'),
        ...over,
      }).map(([h, t]) => [h, parsePodRoutes(t)]),
    );
  const byHost = (findings: ReturnType<typeof judgePodRoutes>, host: string | undefined) =>
    findings.filter((f) => f.host === host);

  describe('parsePodRoutes', () => {
    it('Ubuntu 22.04 worker: routes (dhcp, kernel, cnio0), hostname, kubelet pod CIDR, cert', () => {
      const s = parsePodRoutes(worker('pod-routes-ubuntu2204-worker-1.txt', 'kubelet-worker-1'));
      expect(s.hostname).to.equal('worker-1');
      expect(s.routes[0]).to.deep.equal({ dst: 'default', gateway: '10.240.0.1', dev: 'ens5', src: '10.240.0.21' });
      expect(s.routes.find((r) => r.dst === '10.200.2.0/24')?.gateway).to.equal('10.240.0.22');
      expect(s.kubelet?.config.get('podCIDR')).to.equal('10.200.1.0/24');
      expect(s.tlsCert).to.match(/^-----BEGIN CERTIFICATE-----\n[\s\S]*-----END CERTIFICATE-----$/);
    });
    it('a controller prints no kubelet part', () => {
      const s = parsePodRoutes(fixture('pod-routes-ubuntu2004-controller-0.txt'));
      expect(s.kubelet).to.equal(undefined);
      expect(s.routes).to.have.length(6);
    });
  });

  describe('judgePodRoutes', () => {
    it('GIVEN the built cluster (Ubuntu 20.04/22.04, Debian 12 with --hostname-override) THEN ok per host', () => {
      const f = judgePodRoutes(all(), kthwModel());
      expect(f.map((x) => `${x.host} ${x.verdict}`)).to.deep.equal([
        'controller-0 ok',
        'worker-0 ok',
        'worker-1 ok',
        'worker-2 ok',
      ]);
      expect(f[0]!.summary).to.equal('controller-0 routes the pod CIDRs of all 3 other workers via them');
    });
    it('GIVEN a dropped route THEN fail with the ip route replace and the role as fix', () => {
      const f = byHost(
        judgePodRoutes(
          all({ 'worker-1': worker('pod-routes-ubuntu2204-worker-1-dropped.txt', 'kubelet-worker-1') }),
          kthwModel(),
        ),
        'worker-1',
      );
      expect(f).to.have.length(1);
      expect(f[0]!.verdict).to.equal('fail');
      expect(f[0]!.evidence[0]).to.equal(
        "worker-2's pod CIDR 10.200.2.0/24: no route (the default route via 10.240.0.1 would take it), want via 10.240.0.22",
      );
      expect(f[0]!.fix).to.equal(
        'on worker-1: ip route replace 10.200.2.0/24 via 10.240.0.22; to persist across reboots: orchestrate apply playbooks/cluster.ts --role pod-routes',
      );
    });
    it('GIVEN a route via the wrong worker THEN fail naming the gateway', () => {
      const text = fixture('pod-routes-ubuntu2004-controller-0.txt').replace(
        '10.200.2.0/24 via 10.240.0.22',
        '10.200.2.0/24 via 10.240.0.21',
      );
      const f = byHost(judgePodRoutes(all({ 'controller-0': text }), kthwModel()), 'controller-0');
      expect(f[0]!.evidence[0]).to.contain('the route 10.200.2.0/24 goes via 10.240.0.21, want via 10.240.0.22');
    });
    it('GIVEN hostname = FQDN and no --hostname-override THEN fail: the Node authorizer rejects it', () => {
      const f = byHost(
        judgePodRoutes(
          all({ 'worker-0': worker('pod-routes-ubuntu2204-worker-0-fqdn.txt', 'kubelet-worker-0') }),
          kthwModel(),
        ),
        'worker-0',
      );
      expect(f.map((x) => x.verdict)).to.deep.equal(['ok', 'fail']);
      expect(f[1]!.summary).to.equal(
        'worker-0\'s kubelet registers as node "worker-0.kthw.internal" but its cert says system:node:worker-0: the Node authorizer rejects it (system:node:... cannot act on node worker-0.kthw.internal)',
      );
      expect(f[1]!.fix).to.contain('hostnamectl set-hostname worker-0');
    });
    it('GIVEN two workers with the same pod CIDR THEN a cluster fail, and routes follow the kubelets', () => {
      const text = worker('pod-routes-debian12-worker-2.txt', 'kubelet-worker-2').replace(
        'kcfg podCIDR 10.200.2.0/24',
        'kcfg podCIDR 10.200.1.0/24',
      );
      const f = judgePodRoutes(all({ 'worker-2': text }), kthwModel());
      const cluster = byHost(f, undefined);
      expect(cluster).to.have.length(1);
      expect(cluster[0]!.summary).to.match(
        /^worker-1 \(10\.200\.1\.0\/24\) and worker-2 \(10\.200\.1\.0\/24\) share a pod CIDR/,
      );
      expect(byHost(f, 'worker-2').map((x) => x.summary)).to.include(
        "worker-2's kubelet uses pod CIDR 10.200.1.0/24, the inventory says 10.200.2.0/24: routes orchestrate installs follow the inventory",
      );
    });
    it('GIVEN overlapping CIDRs (a /16 and a /24) THEN overlap', () => {
      const text = worker('pod-routes-debian12-worker-2.txt', 'kubelet-worker-2').replace(
        'kcfg podCIDR 10.200.2.0/24',
        'kcfg podCIDR 10.200.0.0/16',
      );
      const cluster = byHost(judgePodRoutes(all({ 'worker-2': text }), kthwModel()), undefined);
      expect(cluster.map((x) => x.summary.split(':')[0])).to.deep.equal([
        'worker-0 (10.200.0.0/24) and worker-2 (10.200.0.0/16) overlap in a pod CIDR',
        'worker-1 (10.200.1.0/24) and worker-2 (10.200.0.0/16) overlap in a pod CIDR',
      ]);
    });
  });

  describe('the snippet', () => {
    it('parses under sh and bash (controller and worker forms)', () => {
      checkSyntax(podRoutesProbe(undefined));
      checkSyntax(podRoutesProbe('worker-1'));
    });
    it('runs here: routes and hostname as ip and uname print them; the kubelet cert from tlsCertFile, no key', () => {
      const dir = tempDir('orchestrate-doctor-');
      const certPath = join(dir, 'worker-1.pem');
      writeFileSync(
        certPath,
        readFileSync(join(pki, 'kubelet-worker-1-key.pem'), 'utf8') +
          readFileSync(join(pki, 'kubelet-worker-1.pem'), 'utf8'),
      );
      writeFileSync(
        join(dir, 'kubelet-config.yaml'),
        `kind: KubeletConfiguration\npodCIDR: "10.200.1.0/24"\ntlsCertFile: ${certPath}\n`,
      );
      const exec = fixture('execstart-kubelet-ubuntu2204.txt').replace(
        '/var/lib/kubelet/kubelet-config.yaml',
        join(dir, 'kubelet-config.yaml'),
      );
      const out = runSnippet(podRoutesProbe('worker-1'), { kubeletExecStart: exec, resolved: 'inactive' });
      expect(out).to.not.contain('PRIVATE KEY');
      const s = parsePodRoutes(out);
      expect(s.hostname).to.equal(execFileSync('uname', ['-n'], { encoding: 'utf8' }).trim());
      const ip = execFileSync('ip', ['-4', 'route', 'show'], { encoding: 'utf8' }).replace(/\n$/, '').split('\n');
      expect(s.routeText).to.deep.equal(ip);
      expect(s.tlsCertPath).to.equal(certPath);
      expect(s.kubelet?.config.get('podCIDR')).to.equal('10.200.1.0/24');
      const f = judgePodRoutes(new Map([['worker-1', { ...s, hostname: 'worker-1' }]]), kthwModel());
      expect(f.map((x) => x.verdict)).to.deep.equal(['fail']); // this machine has no pod routes
    });
    it('runs here without --config: the default cert path of the node', () => {
      const out = runSnippet(podRoutesProbe('worker-9'), {
        kubeletExecStart:
          '{ path=/k ; argv[]=/k --v=2 ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }',
        resolved: '',
      });
      expect(parsePodRoutes(out).tlsCertPath).to.equal('/var/lib/kubelet/worker-9.pem');
    });
  });
});
