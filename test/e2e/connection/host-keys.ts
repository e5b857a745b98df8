// Host key verification: strict, accept-new, changed keys, hashed entries.

import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rejectsWith } from './fixture.ts';
import type { ConnEnv } from './fixture.ts';
import { local } from './sshd.ts';

/** Registers the hostKey tests on env. */
export function hostKeySuite(env: ConnEnv): void {
  describe('host keys', () => {
    it('GIVEN strict and an empty known_hosts THEN HOST_KEY_UNKNOWN with the fingerprint and the fix', async () => {
      const file = join(env.dir, 'kh-empty');
      await writeFile(file, '');
      const err = await rejectsWith(
        env.conn(env.host(), env.opts({ knownHostsFile: file, retries: 2 })),
        'HOST_KEY_UNKNOWN',
      );
      const fp = local(`ssh-keygen -lf ${env.dir}/host_ed25519.pub`).split(' ')[1] ?? '';
      expect(err.message).to.contain(fp).and.contain(file).and.contain('e2e-host');
      expect(err.fix).to.contain('ssh-keyscan').and.contain('accept-new');
    });

    for (const policy of ['strict', 'accept-new'] as const) {
      it(`GIVEN a changed key under ${policy} THEN HOST_KEY_MISMATCH with both fingerprints and the line`, async () => {
        const other = join(env.dir, 'other_key');
        local(`test -f ${other} || ssh-keygen -q -t ed25519 -N '' -f ${other}`);
        const file = join(env.dir, `kh-changed-${policy}`);
        const otherPub = (await readFile(`${other}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
        await writeFile(file, `# first line\n[127.0.0.1]:${env.srv.port} ${otherPub}\n`);
        const err = await rejectsWith(
          env.conn(env.host(), env.opts({ knownHostsFile: file, hostKeyPolicy: policy })),
          'HOST_KEY_MISMATCH',
        );
        const presented = local(`ssh-keygen -lf ${env.dir}/host_ed25519.pub`).split(' ')[1] ?? '';
        const known = local(`ssh-keygen -lf ${other}.pub`).split(' ')[1] ?? '';
        expect(err.message)
          .to.contain(presented)
          .and.contain(known)
          .and.contain(`${file} line 2`)
          .and.contain('e2e-host');
        expect(await readFile(file, 'utf8')).to.equal(`# first line\n[127.0.0.1]:${env.srv.port} ${otherPub}\n`);
      });
    }

    it('GIVEN accept-new THEN a new key is recorded once (file 0600, dir 0700), then enforced', async () => {
      const file = join(env.dir, 'accept', 'new', 'known_hosts');
      const o = env.opts({ knownHostsFile: file, hostKeyPolicy: 'accept-new' });
      const all = await Promise.all([1, 2, 3, 4].map(() => env.conn(env.host(), o)));
      await env.conn(env.host(), o);
      expect(await readFile(file, 'utf8')).to.equal(env.knownLine());
      expect(local(`stat -c %a ${file} ${join(env.dir, 'accept', 'new')}`)).to.equal('600\n700\n');
      expect((await all[0]?.exec('echo ok'))?.stdout).to.equal('ok\n');
      await env.conn(env.host(), { ...o, hostKeyPolicy: 'strict' });
      await writeFile(
        file,
        env.knownLine().replace(/AAAA\S+/, (k) => k.slice(0, -6) + 'AAAAAA'),
      );
      await rejectsWith(env.conn(env.host(), o), 'HOST_KEY_MISMATCH');
    });

    it('accepts a hashed entry written by ssh-keygen -H', async () => {
      const file = join(env.dir, 'kh-hashed');
      await writeFile(file, env.knownLine());
      local(`ssh-keygen -q -H -f ${file} 2>/dev/null; rm -f ${file}.old`);
      expect(await readFile(file, 'utf8')).to.match(/^\|1\|/);
      await env.conn(env.host(), env.opts({ knownHostsFile: file }));
    });
  });
}
