// SFTP uploads and the host lock.

import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NOPW_USER, rejectsWith } from './fixture.ts';
import type { ConnEnv } from './fixture.ts';
import { local } from './sshd.ts';

/** Registers the uploadLock tests on env. */
export function uploadLockSuite(env: ConnEnv): void {
  describe('upload', () => {
    it('writes content and streamed files with mode 0600, over one SFTP session', async () => {
      const r = await env.conn();
      const target = join(env.dir, 'up-content');
      await writeFile(target, 'old', { mode: 0o644 });
      await r.upload(target, { content: Buffer.from('héllo\n') });
      expect(await readFile(target, 'utf8')).to.equal('héllo\n');
      const src = join(env.dir, 'big.bin');
      const data = randomBytes(3 * 1024 * 1024 + 17);
      await writeFile(src, data);
      await r.upload(join(env.dir, 'up-file'), { file: src });
      const sum = (
        await r.exec(
          `sha256sum ${join(env.dir, 'up-file')} | cut -d' ' -f1; stat -c %a ${target} ${join(env.dir, 'up-file')}`,
        )
      ).stdout;
      expect(sum).to.equal(`${createHash('sha256').update(data).digest('hex')}\n600\n600\n`);
      await r.upload(join(env.dir, 'up-empty'), { content: Buffer.alloc(0) });
      expect(await readFile(join(env.dir, 'up-empty'), 'utf8')).to.equal('');
    });

    it('GIVEN a missing directory or no permission THEN TASK_FAILED with the path and the cause', async () => {
      const r = await env.conn();
      const e1 = await rejectsWith(r.upload('/nonexistent-dir/x', { content: Buffer.from('x') }), 'TASK_FAILED');
      expect(e1.message).to.contain('/nonexistent-dir/x').and.contain('no such file');
      const u = await env.conn(env.host({ user: NOPW_USER }));
      const e2 = await rejectsWith(u.upload('/root/not-allowed', { content: Buffer.from('x') }), 'TASK_FAILED');
      expect(e2.message).to.contain('/root/not-allowed').and.contain('permission denied');
      const e3 = await rejectsWith(r.upload('/tmp/x', { file: join(env.dir, 'no-such-local') }), 'TASK_FAILED');
      expect(e3.message).to.contain('no-such-local');
    });
  });

  describe('host lock', () => {
    it('GIVEN A holds the lock THEN B gets LOCK_HELD (naming A) within waitMs, and the lock once A is gone', async () => {
      const path = join(env.dir, 'locks', 'orchestrate.lock');
      const a = await env.conn(env.host(), env.opts({ runInfo: 'run A (pid 4242)' }));
      await a.lock(path, 2_000);
      expect(a.execCount).to.equal(1);
      const b = await env.conn(env.host(), env.opts({ runInfo: 'run B' }));
      const started = Date.now();
      const err = await rejectsWith(b.lock(path, 1_000), 'LOCK_HELD');
      expect(Date.now() - started).to.be.within(900, 4_000);
      expect(err.message).to.contain('run A (pid 4242)').and.contain('another orchestrate run');
      await a.close();
      await b.lock(path, 5_000);
      expect((await b.exec(`cat ${path}.holder`)).stdout).to.equal('run B\n');
    });

    it('GIVEN a non-root user with become THEN the lock is taken through sudo', async () => {
      const r = await env.conn(env.host({ user: NOPW_USER, become: true }));
      await r.lock(join(env.dir, 'locks-root', 'x.lock'), 1_000);
      expect(local(`stat -c %U ${join(env.dir, 'locks-root', 'x.lock')}`)).to.equal('root\n');
    });
  });
}
