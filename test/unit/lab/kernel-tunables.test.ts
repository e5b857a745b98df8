import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KERNEL_TUNABLES, kernelTunableBinds, writeKernelTunables } from '../../../src/lab/kernel-tunables.ts';

describe('lab/kernel-tunables', () => {
  it('holds the six values the kubelet checks at start', () => {
    expect(KERNEL_TUNABLES).to.deep.equal({
      'vm/overcommit_memory': '1',
      'vm/panic_on_oom': '0',
      'kernel/panic': '10',
      'kernel/panic_on_oops': '1',
      'kernel/keys/root_maxkeys': '1000000',
      'kernel/keys/root_maxbytes': '25000000',
    });
  });

  it('binds nothing when no entry is asked for', () => {
    expect(kernelTunableBinds('/l/kernel-tunables', [])).to.deep.equal([]);
  });

  it('writes one file a value, at the entry path, for the entries this kernel has', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tunables-'));
    try {
      const present = await writeKernelTunables(dir);
      expect(present).to.include('vm/overcommit_memory'); // every Linux has it
      for (const e of present) expect(await readFile(join(dir, e), 'utf8')).to.equal(`${KERNEL_TUNABLES[e]}\n`);
      expect(await writeKernelTunables(dir)).to.deep.equal(present); // again: same files, no error
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
