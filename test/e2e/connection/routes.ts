// Jump hosts, proxy commands, connect failures, a dying sshd, and the pool.

import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closeAll, connectAll } from '../../../src/connection/pool.ts';
import type { RemoteHost } from '../../../src/connection/types.ts';
import { OrchestrateError } from '../../../src/errors.ts';
import { rejectsWith } from './fixture.ts';
import type { ConnEnv } from './fixture.ts';
import { local, startSshd } from './sshd.ts';

/** Registers the routes tests on env. */
export function routesSuite(env: ConnEnv): void {
  describe('routes and failures', () => {
    it('connects through a jump host (forwardOut), verifying both keys', async () => {
      const r = await env.conn(env.host({ jump: `root@127.0.0.1:${env.srv.port}` }));
      expect((await r.exec('echo via-jump')).stdout).to.equal('via-jump\n');
      const file = join(env.dir, 'kh-jump-empty');
      await writeFile(file, '');
      const err = await rejectsWith(
        env.conn(env.host({ jump: `root@127.0.0.1:${env.srv.port}` }), env.opts({ knownHostsFile: file })),
        'HOST_KEY_UNKNOWN',
      );
      expect(err.message).to.contain('jump host');
    });

    it('connects through a proxy command (nc %h %p)', async () => {
      const r = await env.conn(env.host({ proxyCommand: 'nc %h %p' }));
      expect((await r.exec('echo via-proxy')).stdout).to.equal('via-proxy\n');
    });

    it('GIVEN a proxy command that fails THEN UNREACHABLE quoting its stderr', async () => {
      const err = await rejectsWith(
        env.conn(env.host({ proxyCommand: 'echo proxy-broke >&2; exit 1' })),
        'UNREACHABLE',
      );
      expect(err.message).to.contain('proxy-broke').and.contain('exited with status 1');
    });

    it('GIVEN nothing listens THEN UNREACHABLE "connection refused" after the retries', async () => {
      const started = Date.now();
      const err = await rejectsWith(
        env.conn(env.host({ port: 1 }), env.opts({ retries: 2, retryDelayMs: 50 })),
        'UNREACHABLE',
      );
      expect(err.message).to.contain('127.0.0.1:1').and.contain('connection refused').and.contain('3 attempts');
      expect(Date.now() - started).to.be.below(3_000);
    });

    it('GIVEN a key the host does not authorize THEN UNREACHABLE naming the methods tried, not retried', async () => {
      const stranger = join(env.dir, 'stranger');
      local(`test -f ${stranger} || ssh-keygen -q -t ed25519 -N '' -f ${stranger}`);
      const err = await rejectsWith(
        env.conn(env.host({ identityFile: stranger }), env.opts({ retries: 2, retryDelayMs: 2_000 })),
        'UNREACHABLE',
      );
      expect(err.message)
        .to.contain('authentication failed for user root')
        .and.contain(`publickey ${stranger}`)
        .and.not.contain('attempts');
    });

    it('GIVEN sshd dies mid-exec THEN the call rejects UNREACHABLE promptly', async () => {
      const second = await startSshd(env.dir, ['root']);
      env.cleanups.push(() => second.kill());
      const r = await env.conn(
        env.host({ port: second.port }),
        env.opts({ knownHostsFile: join(env.dir, 'kh-second'), hostKeyPolicy: 'accept-new' }),
      );
      const running = r.exec('sleep 28.5', { timeoutMs: 2_000 });
      await new Promise((res) => setTimeout(res, 300));
      const started = Date.now();
      second.kill();
      const err = await rejectsWith(running, 'UNREACHABLE');
      expect(Date.now() - started).to.be.below(5_000);
      expect(err.message).to.contain('e2e-host');
      await rejectsWith(r.exec('true'), 'UNREACHABLE');
      // Its remote timeout still ends what the lost session left running.
      await new Promise((res) => setTimeout(res, 3_500));
      expect(local('pgrep -f "sleep 28[.]5" || true')).to.equal('');
    });

    it('connectAll keeps a RemoteHost or an error per host; closeAll closes them', async () => {
      const hosts = [env.host({ name: 'good' }), env.host({ name: 'bad', port: 1 }), env.host({ name: 'good2' })];
      const pool = await connectAll(hosts, env.opts(), 2);
      expect([...pool.keys()]).to.deep.equal(['good', 'bad', 'good2']);
      expect(pool.get('bad')).to.be.instanceOf(OrchestrateError);
      const good = pool.get('good') as RemoteHost;
      expect((await good.exec('echo pooled')).stdout).to.equal('pooled\n');
      await closeAll(pool);
      await rejectsWith(good.exec('true'), 'UNREACHABLE');
    });

    it('uses the default keys from sshDir when no identityFile and no agent', async () => {
      const sshDir = join(env.dir, 'dotssh');
      local(`mkdir -p ${sshDir} && cp ${env.srv.clientKey} ${sshDir}/id_ed25519 && chmod 600 ${sshDir}/id_ed25519`);
      const r = await env.conn(env.host({ identityFile: undefined }), env.opts({ sshDir }));
      expect((await r.exec('echo default-key')).stdout).to.equal('default-key\n');
    });
  });
}
