import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOrchestrateShim } from '../../../src/lab/lab-exec.ts';
import type { LabPaths } from '../../../src/lab/paths.ts';

describe('writeOrchestrateShim', () => {
  it('GIVEN an up-to-date shim THEN it is left alone (a process may be exec-ing it: ETXTBSY)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shim-'));
    try {
      const lab = { binDir: join(dir, 'bin') } as LabPaths;
      await writeOrchestrateShim(lab);
      const path = join(lab.binDir, 'orchestrate');
      const first = await stat(path);
      expect(first.mode & 0o777).to.equal(0o755);
      expect(await readFile(path, 'utf8')).to.match(/^#!\/bin\/sh\nexec .*src\/cli\/bin\.js\S* "\$@"\n$/);
      await writeOrchestrateShim(lab);
      const second = await stat(path);
      expect(second.ino, 'same inode: not rewritten').to.equal(first.ino);
      expect(second.mtimeMs).to.equal(first.mtimeMs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
