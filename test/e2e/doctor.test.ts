// `orchestrate doctor` on a real cluster built by playbooks/cluster.ts from the built mirror (1 controller,
// 2 workers; the API address is a second address of controller-0, standing in for a load balancer's). All ok
// and read-only; then each trap is provoked on purpose, doctor names it (exit 2, evidence, fix), and it is undone.

import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cli, dropLab, freshLab, info, onHost, onHosts } from './support/lab.ts';

const LAB = 'e2e-doctor';
const HOSTS = ['controller-0', 'worker-0', 'worker-1'];
const VIP = '10.240.0.5';
// -e replaces the lab's cluster map: it is the inventory's (the mirror's versions and image bundles) plus the API address.
let EXTRA: string[] = [];

interface DoctorJson {
  status: number;
  findings: { check: string; host?: string; verdict: string; summary: string; evidence: string[]; fix?: string }[];
}

/** Everything doctor could touch on a host, hashed: files of the cluster, routes, firewall, sysctls, units. */
const SNAPSHOT = [
  'find /etc /var/lib/kubelet /var/lib/kubernetes /var/lib/kube-proxy /var/lib/orchestrate -xdev -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum',
  'ip route show table all',
  "iptables-save | grep -v '^#' | sed 's/\\[[0-9]*:[0-9]*\\]//'",
  'sysctl net.bridge.bridge-nf-call-iptables net.ipv4.ip_forward',
  'systemctl list-units --no-legend --plain --type=service | sort',
].join('; ');

describe('e2e: orchestrate doctor on a cluster built by playbooks/cluster.ts', function () {
  this.timeout(1_200_000);

  async function doctor(...args: string[]): Promise<{ code: number; report: DoctorJson; stdout: string }> {
    const r = await cli(LAB, ['doctor', '--json', ...EXTRA, ...args]);
    try {
      return { code: r.code, report: JSON.parse(r.stdout) as DoctorJson, stdout: r.stdout };
    } catch {
      throw new Error(`doctor printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  }
  const notOk = (r: DoctorJson) => r.findings.filter((f) => f.verdict !== 'ok');

  async function apply(): Promise<void> {
    const r = await cli(LAB, ['apply', 'playbooks/cluster.ts', ...EXTRA]);
    expect(r.code, `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).to.equal(0);
  }

  before(async () => {
    await freshLab(LAB, { kind: 'cluster', controllers: 1, workers: 2 });
    const inventory = parse(readFileSync((await info(LAB)).inventory, 'utf8')) as {
      all: { vars: { cluster: Record<string, unknown> } };
    };
    EXTRA = ['-e', JSON.stringify({ cluster: { ...inventory.all.vars.cluster, api: { addresses: [VIP] } } })];
    // The API address: a second address on controller-0 (where a load balancer's would be).
    await onHost(
      LAB,
      'controller-0',
      `ip addr add ${VIP}/24 dev $(ip -o -4 addr show to 10.240.0.10 | awk '{print $2}')`,
    );
    await apply();
  });
  after(async () => dropLab(LAB));

  it('reports all ok on the cluster it built (exit 0), in one round trip per host, changing nothing', async () => {
    const before = await onHosts(LAB, HOSTS, `{ ${SNAPSHOT}; } | sha256sum`);
    const { code, report } = await doctor();
    const after = await onHosts(LAB, HOSTS, `{ ${SNAPSHOT}; } | sha256sum`);
    expect(notOk(report), JSON.stringify(notOk(report), null, 2)).to.deep.equal([]);
    expect(code).to.equal(0);
    const checks = new Set(report.findings.map((f) => f.check));
    for (const c of ['api-reachability', 'kubelet-reachability', 'service-cidr']) expect(checks, c).to.include(c);
    expect(after).to.deep.equal(before);
    const human = await cli(LAB, ['doctor', ...EXTRA]);
    expect(human.code).to.equal(0);
    expect(human.stdout).to.match(/doctor: 3 hosts, \d+ ok, 0 warnings, 0 failures/);
  });

  /** A certificate for the apiserver that lacks the API address (as after an address change done by hand). */
  function certWithoutVip(): string {
    const dir = mkdtempSync(join(tmpdir(), 'doctor-cert-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '30',
          '-subj',
          '/CN=kubernetes',
          '-addext',
          'subjectAltName=IP:10.240.0.10,IP:127.0.0.1,IP:10.32.0.1',
        ],
        { stdio: 'ignore' },
      );
      return readFileSync(join(dir, 'cert.pem'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  interface Trap {
    readonly name: string;
    readonly host: string;
    readonly provoke: () => string;
    readonly check: string;
    /** The host whose finding names it (the prober), when not the provoked host. */
    readonly reportedBy?: string;
    readonly summary: RegExp;
    /** Undone by one apply, or (firewall rules, which no role owns) by deleting the rule. */
    readonly undo: 'apply' | string;
  }
  const TRAPS: Trap[] = [
    {
      name: "a worker's pod resolv.conf names the systemd-resolved stub 127.0.0.53",
      host: 'worker-1',
      provoke: () =>
        "printf 'nameserver 127.0.0.53\\noptions edns0 trust-ad\\n' > /etc/resolv-stub.conf && sed -i 's#^resolvConf: .*#resolvConf: /etc/resolv-stub.conf#' /var/lib/kubelet/kubelet-config.yaml",
      check: 'coredns-loop',
      summary: /127\.0\.0\.53|loop/,
      undo: 'apply',
    },
    {
      name: 'bridge-nf-call-iptables=0 on a worker',
      host: 'worker-0',
      provoke: () => 'sysctl -qw net.bridge.bridge-nf-call-iptables=0',
      check: 'br-netfilter',
      summary: /bridge-nf-call-iptables/,
      undo: 'apply',
    },
    {
      name: 'a dropped pod route',
      host: 'controller-0',
      provoke: () => 'ip route del 10.200.1.0/24',
      check: 'pod-routes',
      summary: /10\.200\.1\.0\/24/,
      undo: 'apply',
    },
    {
      name: 'port 10250 blocked from the controllers by iptables',
      host: 'worker-1',
      provoke: () => 'iptables -I INPUT -p tcp --dport 10250 -s 10.240.0.10 -j DROP',
      check: 'kubelet-reachability',
      reportedBy: 'controller-0',
      summary: /cannot reach worker-1's kubelet at 10\.240\.0\.21:10250: packets are dropped/,
      undo: 'iptables -D INPUT -p tcp --dport 10250 -s 10.240.0.10 -j DROP',
    },
    {
      name: 'the API address unreachable from a worker while the controllers answer directly',
      host: 'worker-0',
      provoke: () => `iptables -I OUTPUT -p tcp -d ${VIP} --dport 6443 -j DROP`,
      check: 'api-reachability',
      summary: /the load balancer or its return path is the suspect/,
      undo: `iptables -D OUTPUT -p tcp -d ${VIP} --dport 6443 -j DROP`,
    },
    {
      name: 'an apiserver certificate missing the API address',
      host: 'controller-0',
      provoke: () => `cat > /var/lib/kubernetes/kubernetes.pem <<'EOF'\n${certWithoutVip()}EOF`,
      check: 'certificates',
      summary: /10\.240\.0\.5/,
      undo: 'apply',
    },
  ];

  for (const trap of TRAPS)
    it(`names the trap: ${trap.name} (exit 2, evidence, fix); ${trap.undo === 'apply' ? 'one apply' : 'removing the rule'} undoes it`, async () => {
      await onHost(LAB, trap.host, trap.provoke());
      const undo = async () =>
        trap.undo === 'apply' ? apply() : onHost(LAB, trap.host, trap.undo).then(() => undefined);
      try {
        const { code, report } = await doctor();
        const by = trap.reportedBy ?? trap.host;
        const hit = report.findings.find(
          (f) =>
            f.check === trap.check &&
            f.verdict === 'fail' &&
            (f.host === by || f.host === undefined) &&
            trap.summary.test(f.summary),
        );
        expect(
          hit,
          `no ${trap.check} failure by ${by} matching ${trap.summary}:\n${JSON.stringify(notOk(report), null, 2)}`,
        ).to.not.equal(undefined);
        expect(hit!.evidence.length, 'evidence').to.be.greaterThan(0);
        expect(hit!.fix ?? '', 'fix').to.not.equal('');
        expect(code).to.equal(2);
      } finally {
        // Undone even when an assertion failed, so one trap cannot leak into the next test.
        await undo();
      }
      const again = await doctor();
      expect(notOk(again.report), JSON.stringify(notOk(again.report), null, 2)).to.deep.equal([]);
      expect(again.code).to.equal(0);
    });
});
