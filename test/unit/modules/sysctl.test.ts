import { expect } from 'chai';
import { sysctl, sysctlContent } from '../../../src/modules/sysctl.ts';
import type { SysctlInput } from '../../../src/modules/sysctl.ts';
import { isOrchestrateError } from '../../../src/errors.ts';
import type { WriteStep } from '../../../src/modules/types.ts';
import * as cap from './captured.ts';
import { CHECK, DIFF, summaries } from './plan.ts';

const FILE = '/etc/sysctl.d/99-orchestrate.conf';
const K8S = { 'net.ipv4.ip_forward': 1, 'net.bridge.bridge-nf-call-iptables': 1 };
const K8S_FILE = sysctlContent({ 'net.ipv4.ip_forward': '1', 'net.bridge.bridge-nf-call-iptables': '1' });

/** A probe output: the persisted file (a stat capture) plus /proc/sys values. */
function probe(file: string, runtime: Record<string, string>): string {
  return (
    cap.prefixed('file.', file) +
    Object.entries(runtime)
      .map(([k, v]) => `runtime.${k}=${v} \n`)
      .join('')
  );
}

describe('modules/sysctl', () => {
  const cases: { given: string; when: SysctlInput; probe: string; then: string[] }[] = [
    {
      given: 'file and runtime as wanted',
      when: { values: K8S },
      probe: probe(cap.fileWith(K8S_FILE), { 'net.ipv4.ip_forward': '1', 'net.bridge.bridge-nf-call-iptables': '1' }),
      then: [],
    },
    {
      given: 'a fresh host (captured: forwarding off)',
      when: { values: { ...K8S, 'net.ipv4.ip_local_port_range': '32768 60999' } },
      probe: cap.SYSCTL_FRESH,
      then: [`write: ${FILE} 0644`, `run: sysctl -p ${FILE}`],
    },
    {
      given: 'the file persisted but the runtime reset (e.g. a sysctl by hand)',
      when: { values: K8S },
      probe: probe(cap.fileWith(K8S_FILE), { 'net.ipv4.ip_forward': '0', 'net.bridge.bridge-nf-call-iptables': '1' }),
      then: [`run: sysctl -p ${FILE}`],
    },
    {
      given: 'the runtime right but no file (lost at reboot)',
      when: { values: K8S },
      probe: probe(cap.ABSENT, { 'net.ipv4.ip_forward': '1', 'net.bridge.bridge-nf-call-iptables': '1' }),
      then: [`write: ${FILE} 0644`],
    },
    {
      given: 'br_netfilter not loaded yet (no /proc/sys/net/bridge)',
      when: { values: K8S, file: '90-k8s.conf' },
      probe: probe(cap.fileWith(K8S_FILE), { 'net.ipv4.ip_forward': '1' }),
      then: ['run: sysctl -p /etc/sysctl.d/90-k8s.conf'],
    },
    {
      given: 'a multi-field value with a tab in /proc',
      when: { key: 'net.ipv4.ip_local_port_range', value: '32768   60999', file: '/etc/sysctl.d/50-ports.conf' },
      probe: probe(cap.fileWith(sysctlContent({ 'net.ipv4.ip_local_port_range': '32768   60999' })), {
        'net.ipv4.ip_local_port_range': '32768\t60999',
      }),
      then: [],
    },
  ];
  for (const c of cases)
    it(`GIVEN ${c.given} WHEN planned THEN ${c.then.length === 0 ? 'no steps' : c.then.join('; ')}`, () => {
      const a = sysctl(c.when);
      expect(summaries(a.module.plan(a.params, a.module.parse(c.probe, a.params), CHECK))).to.deep.equal(c.then);
    });

  it('GIVEN several keys WHEN rendered THEN one file, keys in the given order, with the managed header', () => {
    const a = sysctl({ values: K8S });
    const [step] = a.module.plan(a.params, a.module.parse(cap.SYSCTL_FRESH, a.params), DIFF) as WriteStep[];
    expect(step!.source).to.deep.equal({
      content:
        '# Managed by orchestrate: local edits are overwritten.\nnet.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\n',
    });
    expect(step!.diff).to.include('+net.ipv4.ip_forward = 1');
  });

  for (const [what, input] of [
    ['a key with a space', { key: 'net ipv4', value: 1 }],
    ['a value with a newline', { key: 'a.b', value: '1\n2' }],
    ['a file not ending in .conf', { key: 'a.b', value: 1, file: 'x.txt' }],
    ['no keys', { values: {} }],
  ] as const)
    it(`GIVEN ${what} WHEN built THEN PLAYBOOK_INVALID`, () => {
      expect(() => sysctl(input as SysctlInput))
        .to.throw()
        .that.satisfies((e: unknown) => isOrchestrateError(e, 'PLAYBOOK_INVALID'));
    });
});
