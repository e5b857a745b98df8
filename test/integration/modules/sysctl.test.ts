import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { sysctl } from '../../../src/modules/sysctl.ts';
import { planLocally } from './harness.ts';

describe('modules/sysctl', () => {
  it('GIVEN this machine WHEN the probe runs for real (read-only) THEN /proc/sys values are read', () => {
    const { state } = planLocally(sysctl({ values: { 'net.ipv4.ip_forward': 1, 'orchestrate.no.such.key': 1 } }));
    expect(state.runtime.get('net.ipv4.ip_forward')?.trim()).to.match(/^[01]$/);
    expect(state.runtime.has('orchestrate.no.such.key')).to.equal(false);
  });

  it('reads runtime values for real (sh): multi-digit and tab-separated values from /proc/sys are whole', () => {
    // procfs int handlers answer EOF to a read at a non-zero offset: a byte-by-byte shell read gets "6" of "600".
    const values = { 'kernel.pid_max': 1, 'net.ipv4.ip_local_port_range': '1 2' };
    const a = sysctl({ file: '99-test.conf', values });
    const { state } = planLocally(a);
    const real = (k: string) =>
      readFileSync(`/proc/sys/${k.replace(/\./g, '/')}`, 'utf8')
        .trim()
        .split(/\s+/)
        .join(' ');
    expect(real('kernel.pid_max')).to.match(/^\d{2,}$/);
    for (const k of Object.keys(values))
      expect(state.runtime.get(k)?.trim().split(/\s+/).join(' '), k).to.equal(real(k));
  });
});
